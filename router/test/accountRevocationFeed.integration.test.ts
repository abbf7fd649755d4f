// The router's account revocation feed against the real User service (both subgraphs in-process,
// real sockets), over each bus: the User service's gRPC stream and Redis pub/sub. Whatever revokes
// an account's tokens (its deletion, signing out everywhere) reaches the feed within seconds, so
// the router can close the user's WebSockets. Requests reach the User subgraph as the router sends
// them: with the caller it verified, in a signed router assertion.
import { ROUTER_ASSERTION_HEADER, ROUTER_SERVICE_NAME, signRouterAssertion, verifyUserToken } from '@ledgerline/identity';
import { accountRevocationChannel } from '@ledgerline/proto';
import { createLogger, serviceMetrics } from '@ledgerline/service-runtime';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { redisForTests } from '../../test/support/redisForTests.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../test/support/subgraphsInProcess.js';
import {
  grpcAccountRevocationFeed,
  redisAccountRevocationFeed,
  type AccountRevocationFeed,
} from '../src/subscriptions/accountRevocationFeed.js';

const redisUrl = await redisForTests();
const log = createLogger('account-revocation-feed-test', 'silent');

/** How soon a revocation must reach the router. */
const WITHIN = { timeout: 5_000, interval: 50 };

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

interface Account {
  userId: number;
  token: string;
  password: string;
}

describe.each([
  { bus: 'the gRPC stream', redis: false },
  { bus: 'Redis pub/sub', redis: true },
])('account revocations reach the router over $bus', ({ redis }) => {
  const skipped = redis && redisUrl === null;
  let subgraphs: InProcessSubgraphs;
  let feed: AccountRevocationFeed;
  const heard: number[] = [];

  beforeAll(async () => {
    if (skipped) return;
    subgraphs = await startSubgraphsInProcess(redis && redisUrl !== null ? { redisUrl } : {});
    const self = { name: ROUTER_SERVICE_NAME, secret: subgraphs.secrets.serviceSigningSecret };
    feed =
      redis && redisUrl !== null
        ? redisAccountRevocationFeed(redisUrl, subgraphs.redisKeyPrefix, log)
        : grpcAccountRevocationFeed(subgraphs.userGrpcAddress, self, serviceMetrics().grpcCalls, log);
    feed.onRevoked(({ userId }) => heard.push(userId));
    await untilFollowing();
  });

  afterAll(async () => {
    await feed?.close();
    await subgraphs?.stop();
  });

  async function userGraphql(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLAnswer> {
    const caller = token === undefined ? null : verifyUserToken(token, subgraphs.secrets.jwtSecret);
    const assertion = signRouterAssertion({ caller, requestId: 'account-revocation-feed-test' }, subgraphs.secrets.routerSigningSecret);
    const response = await fetch(subgraphs.userUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [ROUTER_ASSERTION_HEADER]: assertion },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLAnswer;
  }

  const codes = (answer: GraphQLAnswer) => (answer.errors ?? []).map((error) => error.extensions?.code);

  async function registered(): Promise<Account> {
    const suffix = Math.random().toString(36).slice(2, 12);
    const password = 'long enough password';
    const answer = await userGraphql(
      'mutation($u: String!, $e: String!, $p: String!) { register(username: $u, email: $e, password: $p) { token userId } }',
      { u: `rv_${suffix}`, e: `rv_${suffix}@example.test`, p: password },
    );
    const { token, userId } = answer.data!['register'] as { token: string; userId: string };
    return { userId: Number(userId), token, password };
  }

  /** The new token signing out everywhere gave back. */
  async function signOutEverywhere(token: string): Promise<string> {
    const answer = await userGraphql('mutation { signOutEverywhere { token userId } }', {}, token);
    expect(answer.errors).toBeUndefined();
    return (answer.data!['signOutEverywhere'] as { token: string }).token;
  }

  /** The feed follows on its own from creation; until it does, revocations pass it by, so signing out is repeated until one is heard. */
  async function untilFollowing(timeoutMs = 15_000): Promise<void> {
    const account = await registered();
    let token = account.token;
    await vi.waitFor(
      async () => {
        token = await signOutEverywhere(token);
        expect(heard).toContain(account.userId);
      },
      { timeout: timeoutMs, interval: 100 },
    );
  }

  it.skipIf(skipped)('reports the user id of an account within seconds of its deletion beginning', async () => {
    const account = await registered();
    const deletion = await userGraphql(
      'mutation($p: String!) { deleteAccount(password: $p) { status } }',
      { p: account.password },
      account.token,
    );
    expect(deletion).toEqual({ data: { deleteAccount: { status: 'DELETED' } } });
    await vi.waitFor(() => expect(heard).toContain(account.userId), WITHIN);
  });

  it.skipIf(skipped)(
    'reports the user id of an account signed out everywhere, whose old token is refused from then on while the new one works',
    async () => {
      const account = await registered();
      const newToken = await signOutEverywhere(account.token);
      await vi.waitFor(() => expect(heard).toContain(account.userId), WITHIN);

      expect(codes(await userGraphql('{ me { id } }', {}, account.token))).toEqual(['UNAUTHENTICATED']);
      expect(codes(await userGraphql('mutation { signOutEverywhere { token } }', {}, account.token))).toEqual(['UNAUTHENTICATED']);
      expect(await userGraphql('{ me { id } }', {}, newToken)).toEqual({ data: { me: { id: String(account.userId) } } });
    },
  );

  it.skipIf(skipped)('answers signOutEverywhere without a token with UNAUTHENTICATED, and reports nothing', async () => {
    const before = heard.length;
    expect(codes(await userGraphql('mutation { signOutEverywhere { token } }'))).toEqual(['UNAUTHENTICATED']);
    expect(heard.length).toBe(before);
  });

  it.skipIf(skipped)('stops calling a listener once it was told to stop, while the others go on hearing', async () => {
    const stopped: number[] = [];
    const stop = feed.onRevoked(({ userId }) => stopped.push(userId));
    stop();
    const account = await registered();
    await signOutEverywhere(account.token);
    await vi.waitFor(() => expect(heard).toContain(account.userId), WITHIN);
    expect(stopped).not.toContain(account.userId);
  });

  // Each bus has a failure of its own: the stream's restart here, Redis's malformed messages below.
  if (!redis)
    it('follows again, with no help, once the User gRPC server is back after a restart', async () => {
      await subgraphs.stopGrpc('user');
      await subgraphs.startGrpc('user');
      // Revocations announced before the stream is open again are not replayed (the router's periodic
      // CheckToken covers them), so the account signs out until one gets through.
      await untilFollowing(10_000);
    });

  if (redis)
    it.skipIf(skipped)('drops a malformed message on the channel and goes on reporting', async () => {
      const publisher = new Redis(redisUrl!);
      try {
        for (const malformed of [
          'not json',
          'null',
          '{}',
          '{"userId":"2147480001"}',
          '{"userId":0}',
          '{"userId":1.5}',
          '{"userId":2147483648}',
        ]) {
          await publisher.publish(accountRevocationChannel(subgraphs.redisKeyPrefix), malformed);
        }
        await publisher.publish(accountRevocationChannel(subgraphs.redisKeyPrefix), JSON.stringify({ userId: 2147480002 }));
        await vi.waitFor(() => expect(heard).toContain(2147480002), WITHIN);
        expect(heard.filter((userId) => !Number.isInteger(userId) || userId <= 0 || userId > 2147483647)).toEqual([]);
        expect(heard).not.toContain(2147480001);
      } finally {
        await publisher.quit();
      }
    });
});
