// Two router processes sharing one Redis, as replicas behind a load balancer run: the stack's router
// (A) and a second one this file starts (B). A contribution made through either reaches followers on
// both, each route in its own shape, and revoking an account's tokens (deleting it, signing out
// everywhere) closes its sockets on both. Their response caches share Redis: a write through one is
// on the writer's next read through the other.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { groupUpdates } from '../support/groupUpdatesClient.js';
import { routerOrigin } from '../support/restClient.js';
import { routerAt, type RouterAt } from '../support/routerAt.js';
import { startRouterReplica, type RouterReplica } from '../support/routerReplica.js';
import { callRouter, contributeThrough, groupOf, type Member } from '../support/savingsGroupsThroughRouter.js';
import { subscriptionClient, watch } from '../support/subscriptionClient.js';

// Replicas share group events and account revocations over Redis, which every Finance and User
// process publishes to. Without REDIS_URL each router follows one Finance and one User process's gRPC
// streams instead, which carry only what that process publishes: not how replicas share events, so
// this file is skipped then.
const redisUrl = inject('redisUrl');

const PROGRESS = `subscription($groupId: ID!, $since: Int) {
  groupSavingsProgress(groupId: $groupId, since: $since) {
    sequence
    contribution { amount message contributor { username } }
    progress { total percent }
  }
}`;
const DELETE_ACCOUNT = 'mutation($p: String!) { deleteAccount(password: $p) { status } }';
const SIGN_OUT_EVERYWHERE = 'mutation { signOutEverywhere { token userId } }';

/** Within a second or so, as users see it; the assertion allows twice that, so a busy CI machine does not fail it. */
const DELIVERY_WITHIN_MS = 2_000;
/** The router announces revocations at once; without the announcement only its periodic recheck (a minute) would close a socket. */
const REVOCATION_WITHIN_MS = 5_000;

/** One WebSocket following a group (or, with no group, only connected), either route, either router. */
interface Follower {
  /** The route and router, for failure messages. */
  name: string;
  /** How many events it has received. */
  received(): number;
  closeCode(): number | undefined;
  stop(): Promise<void>;
}

describe.skipIf(redisUrl === null)('two routers sharing Redis', () => {
  let a: RouterAt;
  let b: RouterReplica;
  const followers: Follower[] = [];

  beforeAll(async () => {
    a = routerAt(routerOrigin());
    b = await startRouterReplica(redisUrl!);
  });

  afterEach(async () => {
    await Promise.all(followers.splice(0).map((follower) => follower.stop()));
  });

  afterAll(async () => {
    await b?.stop();
  });

  const routerName = (router: RouterAt) => (router === a ? 'A' : 'B');

  function graphqlFollower(router: RouterAt, token: string, groupId: string) {
    const watching = watch(router.origin, token, PROGRESS, { groupId, since: 0 });
    const follower: Follower = {
      name: `graphql-ws on ${routerName(router)}`,
      received: () => watching.results.length,
      closeCode: () => watching.closed?.code,
      stop: () => watching.stop(),
    };
    followers.push(follower);
    return { ...follower, watching };
  }

  function rawFollower(router: RouterAt, token: string, groupId: string) {
    const updates = groupUpdates(router.origin, groupId, { token, since: 0 });
    const follower: Follower = {
      name: `updates route on ${routerName(router)}`,
      received: () => updates.messages.length,
      closeCode: () => updates.closed?.code,
      stop: async () => updates.stop(),
    };
    followers.push(follower);
    return { ...follower, updates };
  }

  /** A graphql-ws connection following nothing, once the router has admitted it. */
  async function idleConnection(router: RouterAt, token: string): Promise<Follower> {
    const client = subscriptionClient(router.origin, token);
    const follower: Follower = {
      name: `idle graphql-ws on ${routerName(router)}`,
      received: () => 0,
      closeCode: () => client.closeEvents[0]?.code,
      stop: async () => await client.dispose(),
    };
    followers.push(follower);
    await new Promise<void>((resolve, reject) => {
      client.on('connected', () => resolve());
      client.on('closed', () => reject(new Error(`${follower.name} closed before it was admitted: ${follower.closeCode()}`)));
    });
    return follower;
  }

  /** Once every one of `of` has received `count` events: when that was seen, to within the 10 ms it is polled at. */
  async function arrivalOf(count: number, of: Follower[]): Promise<number> {
    await vi.waitFor(
      () => {
        const behind = of.filter((follower) => follower.received() < count).map((follower) => follower.name);
        if (behind.length > 0) throw new Error(`no event ${count} yet on ${behind.join(', ')}`);
      },
      { timeout: 10_000, interval: 10 },
    );
    return performance.now();
  }

  /** Milliseconds from the contribution's response until every one of `to` had it. */
  async function deliveryOf(contribution: Promise<unknown>, count: number, to: Follower[]): Promise<number> {
    await contribution;
    const answered = performance.now();
    return (await arrivalOf(count, to)) - answered;
  }

  const closeCodes = (of: Follower[]) => Object.fromEntries(of.map((follower) => [follower.name, follower.closeCode()]));

  /** Waits until every one of `of` has closed with 4401, and gives back how long after `since` that was seen. */
  async function closedUnauthorized(of: Follower[], since: number): Promise<number> {
    const unauthorized = Object.fromEntries(of.map((follower) => [follower.name, 4401]));
    await vi.waitFor(() => expect(closeCodes(of)).toEqual(unauthorized), { timeout: REVOCATION_WITHIN_MS, interval: 20 });
    return performance.now() - since;
  }

  it('delivers a contribution made through either router to followers on both, each route in its own shape, within a second or so', async ({
    annotate,
  }) => {
    const [alice, bob] = await Promise.all([a.register(), b.register()]);
    const groupId = await groupOf(a, alice, [bob]);
    const onA = graphqlFollower(a, alice.token, groupId);
    const onB = rawFollower(b, bob.token, groupId);
    // Each follower first has the group's first event, replayed or live as it comes: from then on both
    // follow the group live, so what follows measures the way across routers.
    await contributeThrough(a, alice, groupId, '10.00', 'kick-off');
    await arrivalOf(1, [onA, onB]);

    const throughB = await deliveryOf(contributeThrough(b, bob, groupId, '25.50', 'through B'), 2, [onA, onB]);
    const throughA = await deliveryOf(contributeThrough(a, alice, groupId, '4.50', null), 3, [onA, onB]);

    expect(onA.watching.results.slice(1)).toEqual([
      {
        data: {
          groupSavingsProgress: {
            sequence: 2,
            contribution: { amount: '25.50', message: 'through B', contributor: { username: bob.username } },
            progress: { total: '35.50', percent: 35.5 },
          },
        },
      },
      {
        data: {
          groupSavingsProgress: {
            sequence: 3,
            contribution: { amount: '4.50', message: null, contributor: { username: alice.username } },
            progress: { total: '40.00', percent: 40 },
          },
        },
      },
    ]);
    expect(onB.updates.messages.slice(1)).toEqual([
      { user_id: Number(bob.userId), contribution_amount: 25.5, message: 'through B', timestamp: expect.any(String) },
      { user_id: Number(alice.userId), contribution_amount: 4.5, message: '', timestamp: expect.any(String) },
    ]);
    await annotate(
      `delivered to both routers' followers ${Math.round(throughB)} ms (through B), ${Math.round(throughA)} ms (through A) after the response`,
    );
    expect(throughB).toBeLessThan(DELIVERY_WITHIN_MS);
    expect(throughA).toBeLessThan(DELIVERY_WITHIN_MS);
  });

  it("closes a deleted account's sockets on the other router, on both routes, with 4401 within seconds", async ({ annotate }) => {
    const [owner, leaving] = await Promise.all([a.register(), a.register()]);
    const groupId = await groupOf(a, owner, [leaving]);
    const following = [graphqlFollower(b, leaving.token, groupId), rawFollower(b, leaving.token, groupId)];
    // Deletion also takes the user out of the group, which has a router recheck the tokens of those
    // following it; a connection following nothing is closed only because the revocation was announced.
    const idle = await idleConnection(b, leaving.token);
    await contributeThrough(a, owner, groupId, '1.00');
    await arrivalOf(1, following);

    const deletion = await callRouter(a, DELETE_ACCOUNT, { p: leaving.password }, leaving.token);
    const deleted = performance.now();
    expect(deletion).toEqual({ deleteAccount: { status: 'DELETED' } });

    const closedAfter = await closedUnauthorized([...following, idle], deleted);
    await annotate(`all closed on B within ${Math.round(closedAfter)} ms of the deletion's response`);
  });

  it("closes the old token's sockets on both routers with 4401 after signing out everywhere, and keeps the new token's", async ({
    annotate,
  }) => {
    const [owner, member] = await Promise.all([a.register(), b.register()]);
    const groupId = await groupOf(a, owner, [member]);
    const oldToken = [
      graphqlFollower(a, member.token, groupId),
      rawFollower(a, member.token, groupId),
      graphqlFollower(b, member.token, groupId),
      rawFollower(b, member.token, groupId),
    ];
    await contributeThrough(b, owner, groupId, '1.00');
    await arrivalOf(1, oldToken);

    const { signOutEverywhere } = await callRouter(b, SIGN_OUT_EVERYWHERE, {}, member.token);
    const signedOut = performance.now();
    const renewed: Member = { ...member, token: (signOutEverywhere as { token: string }).token };
    // Opened at once: each router may hear of the revocation before or after admitting these; either way they stay.
    const renewedOnB = rawFollower(b, renewed.token, groupId);
    const newToken = [graphqlFollower(a, renewed.token, groupId), renewedOnB];

    const closedAfter = await closedUnauthorized(oldToken, signedOut);
    await annotate(`the old token's sockets all closed within ${Math.round(closedAfter)} ms of signing out's response`);
    await contributeThrough(a, renewed, groupId, '2.00', 'still here');
    await arrivalOf(2, newToken);
    expect(closeCodes(newToken)).toEqual({ 'graphql-ws on A': undefined, 'updates route on B': undefined });
    expect(renewedOnB.updates.messages[1]).toEqual(
      expect.objectContaining({ user_id: Number(member.userId), contribution_amount: 2, message: 'still here' }),
    );
  });
  it("shows a write made through one router on the writer's next read through the other, where it was cached", async () => {
    const ada = await a.register();
    const summary = 'query { me { financialSummary { totalIncome } } }';
    const readThrough = async (router: RouterAt) => {
      const { headers, answer } = await router.post({ query: summary }, ada.token);
      return { router: routerName(router), cache: headers.get('x-ledgerline-cache'), answer };
    };
    const totalIncome = (amount: string) => ({ data: { me: { financialSummary: { totalIncome: amount } } } });
    expect(await readThrough(a)).toEqual({ router: 'A', cache: 'miss', answer: totalIncome('0.00') });
    expect(await readThrough(b)).toEqual({ router: 'B', cache: 'hit', answer: totalIncome('0.00') });
    await callRouter(b, 'mutation { addIncome(amount: "12.34", source: "Gift", date: "2026-11-20") { id } }', {}, ada.token);
    expect(await readThrough(a)).toEqual({ router: 'A', cache: 'miss', answer: totalIncome('12.34') });
  });
});
