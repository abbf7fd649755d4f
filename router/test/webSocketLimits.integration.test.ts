// The router's WebSocket limits as clients run into them: real sockets (graphql-ws's own client,
// the raw route's, and plain `ws` sockets speaking graphql-transport-ws by hand where a client
// has to misbehave) to routers with small limits, in front of both subgraphs in-process, with
// group events over Redis when one answers, else over Finance's gRPC stream.
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WebSocketRules } from '../src/config.js';
import { freshSchemas } from '../../test/support/freshSchemas.js';
import { appendContributions } from '../../test/support/groupEventLog.js';
import { graphqlWsSocket } from '../../test/support/graphqlWsSocket.js';
import { groupUpdates } from '../../test/support/groupUpdatesClient.js';
import { redisForTests } from '../../test/support/redisForTests.js';
import { routerMetric } from '../../test/support/scrapedMetrics.js';
import { startRouterInFrontOf, type InProcessRouter } from '../../test/support/routerInProcess.js';
import { contributeThrough, groupOf } from '../../test/support/savingsGroupsThroughRouter.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../test/support/subgraphsInProcess.js';
import { subscriptionClient, watch } from '../../test/support/subscriptionClient.js';

const redisUrl = await redisForTests();
const bus = redisUrl === null ? {} : { redisUrl };

const LIMITS = {
  maxConnectionsPerUser: 3,
  maxSubscriptionsPerConnection: 2,
  maxMessageBytes: 2_048,
  initTimeoutMs: 300,
  sendTimeoutMs: 1_000,
} satisfies Partial<WebSocketRules>;
const CLOSES = 'ledgerline_router_websocket_closes_total';
const CONNECTIONS = 'ledgerline_router_websocket_connections';
/** Generous: the routers, both subgraphs and every client share one process on a busy machine. */
const PATIENCE = { timeout: 10_000, interval: 50 };

const SEQUENCES = 'subscription($groupId: ID!, $since: Int) { groupSavingsProgress(groupId: $groupId, since: $since) { sequence } }';
const sequenceIn = (result: any): number | undefined => result?.data?.groupSavingsProgress?.sequence;

let subgraphs: InProcessSubgraphs;
let financeSchema: string;

beforeAll(async () => {
  const schemas = await freshSchemas();
  financeSchema = schemas.finance;
  subgraphs = await startSubgraphsInProcess({ schemas, ...bus });
});

afterAll(async () => {
  await subgraphs?.stop();
});

describe('WebSocket limits per user and per connection', () => {
  let router: InProcessRouter;

  beforeAll(async () => {
    router = await startRouterInFrontOf(subgraphs, { ...bus, webSockets: LIMITS });
  });

  afterAll(async () => {
    await router?.stop();
  });

  it("closes a user's WebSocket past maxConnectionsPerUser with 4429 on either route, while the others keep working, and admits one again once one closes", async () => {
    const [alice, bob] = [await router.register(), await router.register()];
    const groupId = await groupOf(router, alice, [bob]);
    // Two graphql-ws sockets and one of the raw route: the raw route counts against the same limit.
    const first = watch(router.origin, alice.token, SEQUENCES, { groupId, since: 0 });
    const second = watch(router.origin, alice.token, SEQUENCES, { groupId, since: 0 });
    const raw = groupUpdates(router.origin, groupId, { token: alice.token, since: 0 });
    await contributeThrough(router, bob, groupId, '1.00');
    await Promise.all([first.received(1), second.received(1), raw.received(1)]);

    const fourthOverGraphql = subscriptionClient(router.origin, alice.token);
    await expect.poll(() => fourthOverGraphql.closeEvents[0]?.code, PATIENCE).toBe(4429);
    expect(fourthOverGraphql.closeEvents[0]?.reason).toBe('At most 3 WebSockets per user');
    expect(await groupUpdates(router.origin, groupId, { token: alice.token }).closedWith()).toEqual({
      code: 4429,
      reason: 'At most 3 WebSockets per user',
    });
    await contributeThrough(router, bob, groupId, '2.00');
    await Promise.all([first.received(2), second.received(2), raw.received(2)]);
    expect([first.closed, second.closed, raw.closed]).toEqual([null, null, null]);

    await first.stop();
    // The gauge drops when the router has let the socket go, which is also when it frees the user's place.
    await expect.poll(() => routerMetric(router.metricsOrigin, CONNECTIONS, { route: 'graphql' }), PATIENCE).toBe(1);
    const again = watch(router.origin, alice.token, SEQUENCES, { groupId, since: 0 });
    expect((await again.received(2)).map(sequenceIn)).toEqual([1, 2]);
    expect(await routerMetric(router.metricsOrigin, CLOSES, { reason: 'too_many_connections_user' })).toBe(2);
    await Promise.all([second.stop(), again.stop(), fourthOverGraphql.dispose()]);
    raw.stop();
  });

  it('refuses a subscription past maxSubscriptionsPerConnection with TOO_MANY_SUBSCRIPTIONS, and the others on the socket keep receiving', async () => {
    const [alice, bob] = [await router.register(), await router.register()];
    const groupId = await groupOf(router, alice, [bob]);
    const connection = graphqlWsSocket(router.origin);
    await connection.signIn(alice.token);
    connection.subscribe('1', SEQUENCES, { groupId, since: 0 });
    connection.subscribe('2', SEQUENCES, { groupId, since: 0 });
    await contributeThrough(router, bob, groupId, '1.00');
    await vi.waitFor(
      () => expect([connection.resultsOf('1'), connection.resultsOf('2')].map((results) => results.length)).toEqual([1, 1]),
      PATIENCE,
    );

    connection.subscribe('3', SEQUENCES, { groupId, since: 0 });
    await vi.waitFor(() => expect(connection.messages.some((message) => message.id === '3')).toBe(true), PATIENCE);
    expect(connection.messages.filter((message) => message.id === '3')).toEqual([
      {
        type: 'error',
        id: '3',
        payload: [
          expect.objectContaining({
            message: expect.stringContaining('At most 2 subscriptions'),
            extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' },
          }),
        ],
      },
    ]);

    await contributeThrough(router, bob, groupId, '2.00');
    await vi.waitFor(
      () => expect([connection.resultsOf('1'), connection.resultsOf('2')].map((results) => results.length)).toEqual([2, 2]),
      PATIENCE,
    );
    expect(connection.resultsOf('1').map(sequenceIn)).toEqual([1, 2]);
    expect(connection.resultsOf('2').map(sequenceIn)).toEqual([1, 2]);
    expect(connection.closed).toBeNull();
    connection.socket.close();
  });

  it('closes a graphql-ws socket whose client sends a message bigger than maxMessageBytes with 1009', async () => {
    const alice = await router.register();
    const connection = graphqlWsSocket(router.origin);
    await connection.signIn(alice.token);
    connection.socket.send(pingOfBytes(LIMITS.maxMessageBytes));
    await vi.waitFor(() => expect(connection.messages.at(-1)?.type).toBe('pong'), PATIENCE);

    connection.socket.send(pingOfBytes(LIMITS.maxMessageBytes + 1));
    expect((await connection.closedWith()).code).toBe(1009);
  });

  it('closes a raw-route socket whose first message is bigger than maxMessageBytes with 1009, and nothing is thrown out of the router', async () => {
    const tooBigBefore = await routerMetric(router.metricsOrigin, CLOSES, { reason: 'message_too_big' });
    const uncaught: unknown[] = [];
    const record = (error: unknown) => void uncaught.push(error);
    process.on('uncaughtException', record);
    try {
      const raw = groupUpdates(router.origin, '1', { firstMessage: JSON.stringify({ token: 'x'.repeat(LIMITS.maxMessageBytes) }) });
      expect((await raw.closedWith()).code).toBe(1009);
    } finally {
      process.off('uncaughtException', record);
    }
    // ws closes with 1009, then emits the error: unheard, it would end a router process.
    expect(uncaught.map(String)).toEqual([]);
    expect(await routerMetric(router.metricsOrigin, CLOSES, { reason: 'message_too_big' })).toBe(tooBigBefore + 1);
  });

  it('closes a graphql-ws socket that sends no connection_init with 4408 once initTimeoutMs has passed', async () => {
    const timeoutsBefore = await routerMetric(router.metricsOrigin, CLOSES, { reason: 'init_timeout' });
    const openedAt = Date.now();
    const silent = graphqlWsSocket(router.origin);

    expect(await silent.closedWith()).toEqual({ code: 4408, reason: 'Connection initialisation timeout' });
    expect(Date.now() - openedAt).toBeGreaterThanOrEqual(LIMITS.initTimeoutMs - 50);
    expect(silent.messages).toEqual([]);
    await expect.poll(() => routerMetric(router.metricsOrigin, CLOSES, { reason: 'init_timeout' }), PATIENCE).toBe(timeoutsBefore + 1);
  });
});

describe('the slow-consumer sweep', () => {
  let router: InProcessRouter;

  beforeAll(async () => {
    router = await startRouterInFrontOf(subgraphs, { ...bus, webSockets: LIMITS });
  });

  afterAll(async () => {
    await router?.stop();
  });

  /**
   * What the stuck client is sent: every logged event, each with its 280-character message 20
   * times over (about 5.9 KB), on each of two subscriptions: about 12 MB, three times what
   * loopback took in before the router's sends stalled when this was measured (its send buffer
   * grows to net.ipv4.tcp_wmem's maximum, 4 MiB by default; the paused client's receive buffer
   * holds about 100 KB more). Catch-up reads a page of 100 events once the last is nearly sent,
   * so the router queues little until the buffers are full, then trips within sendTimeoutMs.
   */
  const LOGGED_EVENTS = 1_000;
  const MESSAGE_COPIES = 20;
  const EVERY_MESSAGE = Array.from({ length: MESSAGE_COPIES }, (_, copy) => `m${copy}: message`).join(' ');
  const FULL_REPLAY = `subscription($groupId: ID!) { groupSavingsProgress(groupId: $groupId, since: 0) { sequence contribution { amount ${EVERY_MESSAGE} } } }`;
  const slowConsumerCloses = () => routerMetric(router.metricsOrigin, CLOSES, { reason: 'slow_consumer' });

  it('closes a client that stopped reading with 4008, while another subscriber of the group receives every event in order', async () => {
    const [alice, bob] = [await router.register(), await router.register()];
    const groupId = await groupOf(router, alice, [bob], '1000000.00');
    const finance = { db: subgraphs.databases.finance, schema: financeSchema };
    await appendContributions(finance, Number(groupId), Number(bob.userId), LOGGED_EVENTS, { amount: '1.00', message: 'm'.repeat(280) });
    const closesBefore = await slowConsumerCloses();
    const reader = watch(router.origin, bob.token, SEQUENCES, { groupId, since: 0 });

    const stuck = graphqlWsSocket(router.origin);
    await stuck.signIn(alice.token);
    stuck.stopReading();
    stuck.subscribe('1', FULL_REPLAY, { groupId });
    stuck.subscribe('2', FULL_REPLAY, { groupId });
    // Live events all the while the stuck client's buffers fill and its events wait: the reader must get each.
    let tripped = false;
    let lastSequence = LOGGED_EVENTS;
    const contributing = (async () => {
      while (!tripped) lastSequence = (await contributeThrough(router, bob, groupId, '1.00')).contributeToGroup.sequence;
    })();
    try {
      await expect
        .poll(slowConsumerCloses, {
          timeout: 25_000,
          interval: 100,
          message: 'the client that stopped reading was not closed: did loopback take in all ~12 MB sent to it? (net.ipv4.tcp_wmem)',
        })
        .toBe(closesBefore + 1);
    } finally {
      tripped = true;
      await contributing;
    }
    stuck.resumeReading();
    // ws sends the close frame after what the kernel still holds for the client, so it reads that first.
    expect(await stuck.closedWith(20_000)).toEqual({ code: 4008, reason: 'Too slow: events waited unread; reconnect with since' });
    expect(stuck.resultsOf('1').length).toBeLessThan(LOGGED_EVENTS);

    lastSequence = (await contributeThrough(router, bob, groupId, '1.00')).contributeToGroup.sequence;
    const everyEvent = Array.from({ length: lastSequence }, (_, index) => index + 1);
    expect((await reader.received(everyEvent.length)).map(sequenceIn)).toEqual(everyEvent);
    // None of its events waited past sendTimeoutMs, or the sweep would have closed it too.
    expect(reader.closed).toBeNull();
    expect(await slowConsumerCloses()).toBe(closesBefore + 1);
    await reader.stop();
  }, 60_000);
});

describe('the WebSocket limit per client address', () => {
  let router: InProcessRouter;

  beforeAll(async () => {
    // Every test client comes from 127.0.0.1, so this limit gets a router of its own.
    router = await startRouterInFrontOf(subgraphs, { ...bus, webSockets: { maxConnectionsPerAddress: 2, initTimeoutMs: 30_000 } });
  });

  afterAll(async () => {
    await router?.stop();
  });

  it('closes a WebSocket past maxConnectionsPerAddress with 4429 before it signs in, counting both routes, and admits one again once one closes', async () => {
    const alice = await router.register();
    const silentOnRaw = groupUpdates(router.origin, '1');
    const signedIn = graphqlWsSocket(router.origin);
    await Promise.all([once(silentOnRaw.socket, 'open'), signedIn.signIn(alice.token)]);

    const third = groupUpdates(router.origin, '1');
    expect(await third.closedWith()).toEqual({ code: 4429, reason: 'At most 2 WebSockets per client address' });
    expect(third.messages).toEqual([]);
    expect([silentOnRaw.closed, signedIn.closed]).toEqual([null, null]);
    expect(await routerMetric(router.metricsOrigin, CLOSES, { reason: 'too_many_connections_address' })).toBe(1);

    signedIn.socket.close();
    // Its place and its gauge are given back together, when the router sees the socket close.
    await expect.poll(() => routerMetric(router.metricsOrigin, CONNECTIONS, { route: 'graphql' }), PATIENCE).toBe(0);
    const next = graphqlWsSocket(router.origin);
    await next.signIn(alice.token);
    expect(next.closed).toBeNull();
    next.socket.close();
    silentOnRaw.stop();
  });
});

/** A graphql-ws ping exactly `bytes` long (ASCII), padded in its payload. */
function pingOfBytes(bytes: number): string {
  const unpadded = JSON.stringify({ type: 'ping', payload: { padding: '' } }).length;
  return JSON.stringify({ type: 'ping', payload: { padding: 'x'.repeat(bytes - unpadded) } });
}
