// The WebSocket limits per client address and per user, counted across router replicas that share
// one Redis: two routers in-process (A and B) and, for a replica that dies, a router process killed
// with SIGKILL, all in front of the same subgraphs and under the stack's own REDIS_KEY_PREFIX.
// Clients are told apart by X-Forwarded-For (TRUST_PROXY_HOPS=1), so each test has addresses of its own.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../test/support/freePort.js';
import { graphqlWsSocket, type GraphqlWsSocket } from '../../test/support/graphqlWsSocket.js';
import { redisForTests } from '../../test/support/redisForTests.js';
import type { RouterAt } from '../../test/support/routerAt.js';
import { startRouterInFrontOf, type InProcessRouter } from '../../test/support/routerInProcess.js';
import { startRouterProcess } from '../../test/support/routerReplica.js';
import { routerMetric } from '../../test/support/scrapedMetrics.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../test/support/subgraphsInProcess.js';

const redisUrl = await redisForTests();

const LEASE_MS = 5_000;
const LIMITS = {
  TRUST_PROXY_HOPS: '1',
  WEBSOCKET_MAX_CONNECTIONS_PER_ADDRESS: '2',
  WEBSOCKET_MAX_CONNECTIONS_PER_USER: '2',
  WEBSOCKET_SLOT_LEASE_MS: String(LEASE_MS),
};
/** Generous: routers, subgraphs and clients share a busy machine. */
const PATIENCE = { timeout: 10_000, interval: 100 };

type Outcome = 'admitted' | number;

describe.skipIf(redisUrl === null)('WebSocket limits across routers sharing Redis', () => {
  let subgraphs: InProcessSubgraphs;
  let a: InProcessRouter;
  let b: InProcessRouter;
  const sockets: GraphqlWsSocket[] = [];

  beforeAll(async () => {
    subgraphs = await startSubgraphsInProcess({ redisUrl: redisUrl! });
    [a, b] = await Promise.all([
      startRouterInFrontOf(subgraphs, { redisUrl: redisUrl!, environment: LIMITS }),
      startRouterInFrontOf(subgraphs, { redisUrl: redisUrl!, environment: LIMITS }),
    ]);
  });

  afterEach(() => {
    for (const { socket } of sockets.splice(0)) socket.terminate();
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await subgraphs?.stop();
  });

  /** A graphql-ws socket from `address`, signed in with `token`: 'admitted' once acknowledged, else the code it was closed with. */
  async function connect(router: RouterAt, address: string, token: string): Promise<{ socket: GraphqlWsSocket; outcome: Outcome }> {
    const socket = graphqlWsSocket(router.origin, { 'x-forwarded-for': address });
    sockets.push(socket);
    // Sends connection_init; what came of it is read below, as soon as either happens.
    socket.signIn(token).catch(() => undefined);
    const outcome = await vi.waitFor((): Outcome => {
      if (socket.closed !== null) return socket.closed.code;
      if (socket.messages.some((message) => message.type === 'connection_ack')) return 'admitted';
      throw new Error('neither acknowledged nor closed yet');
    }, PATIENCE);
    return { socket, outcome };
  }

  const outcomeOf = async (router: RouterAt, address: string, token: string) => (await connect(router, address, token)).outcome;

  it('refuses a third WebSocket from one address on B with 4429 while A holds two, and admits it once one on A closes', async () => {
    const [ada, bob] = await Promise.all([a.register(), b.register()]);
    const address = '198.51.100.1';
    const onA = [await connect(a, address, ada.token), await connect(a, address, ada.token)];
    expect(onA.map(({ outcome }) => outcome)).toEqual(['admitted', 'admitted']);

    const third = await connect(b, address, bob.token);
    expect(third.outcome).toBe(4429);
    expect(third.socket.closed?.reason).toBe('At most 2 WebSockets per client address');
    expect(
      await routerMetric(b.metricsOrigin, 'ledgerline_router_websocket_closes_total', { reason: 'too_many_connections_address' }),
    ).toBe(1);
    // The address is full, not the router: another address is let in on B.
    expect(await outcomeOf(b, '198.51.100.2', bob.token)).toBe('admitted');

    onA[0]!.socket.socket.close();
    await expect.poll(() => outcomeOf(b, address, bob.token), PATIENCE).toBe('admitted');
    expect(onA[1]!.socket.closed).toBeNull();
  });

  it("refuses a user's third WebSocket on B with 4429 while A holds two of theirs, whatever the address, and admits it once one closes", async () => {
    const ada = await a.register();
    const onA = [await connect(a, '198.51.100.11', ada.token), await connect(a, '198.51.100.12', ada.token)];
    expect(onA.map(({ outcome }) => outcome)).toEqual(['admitted', 'admitted']);

    const third = await connect(b, '198.51.100.13', ada.token);
    expect(third.outcome).toBe(4429);
    expect(third.socket.closed?.reason).toBe('At most 2 WebSockets per user');

    onA[1]!.socket.socket.close();
    await expect.poll(() => outcomeOf(b, '198.51.100.13', ada.token), PATIENCE).toBe('admitted');
    expect(onA[0]!.socket.closed).toBeNull();
  });

  it('gives back the places of a router that died without closing its sockets once their lease has run out, and not before', async ({
    annotate,
  }) => {
    const dying = await startRouterProcess({
      USER_SUBGRAPH_URL: subgraphs.userUrl,
      FINANCE_SUBGRAPH_URL: subgraphs.financeUrl,
      USER_GRPC_ADDRESS: subgraphs.userGrpcAddress,
      FINANCE_GRPC_ADDRESS: subgraphs.financeGrpcAddress,
      JWT_SECRET: subgraphs.secrets.jwtSecret,
      ROUTER_SIGNING_SECRET: subgraphs.secrets.routerSigningSecret,
      SERVICE_SIGNING_SECRET: subgraphs.secrets.serviceSigningSecret,
      REDIS_URL: redisUrl!,
      REDIS_KEY_PREFIX: subgraphs.redisKeyPrefix,
      ...LIMITS,
    });
    try {
      const [ada, bob] = await Promise.all([dying.register(), a.register()]);
      const address = '198.51.100.21';
      const onDying = [await connect(dying, address, ada.token), await connect(dying, address, ada.token)];
      expect(onDying.map(({ outcome }) => outcome)).toEqual(['admitted', 'admitted']);
      expect(await outcomeOf(a, address, bob.token)).toBe(4429);

      await dying.kill();
      const killedAt = performance.now();
      // Its clients lost their connections, but it never told Redis: its leases still hold the places.
      expect(await outcomeOf(a, address, bob.token)).toBe(4429);
      await expect.poll(() => outcomeOf(a, address, bob.token), { timeout: LEASE_MS + 10_000, interval: 250 }).toBe('admitted');
      await annotate(`admitted ${Math.round(performance.now() - killedAt)} ms after the router holding the places was killed`);
    } finally {
      await dying.kill();
    }
  }, 90_000);

  it('lets WebSockets in while Redis cannot answer, and counts each failed step', async () => {
    const unreachable = `redis://127.0.0.1:${await freePort()}`;
    const router = await startRouterInFrontOf(subgraphs, { redisUrl: unreachable, environment: LIMITS });
    try {
      const ada = await a.register();
      const outcomes = [];
      for (let socket = 0; socket < 3; socket++) outcomes.push(await outcomeOf(router, '198.51.100.31', ada.token));
      expect(outcomes).toEqual(['admitted', 'admitted', 'admitted']);
      // One take for the address and one for the user, per socket.
      expect(await routerMetric(router.metricsOrigin, 'ledgerline_router_websocket_slot_store_errors_total', { step: 'take' })).toBe(6);
    } finally {
      await router.stop();
    }
  }, 60_000);
});
