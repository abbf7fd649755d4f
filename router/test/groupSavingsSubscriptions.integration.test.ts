// Group savings live through the router, as subscription clients use it: graphql-ws clients over
// real WebSockets to the router, in front of both subgraphs (in-process, real sockets, a database
// schema of this file's own), with events reaching the router over each bus: Finance's gRPC
// stream (no Redis, the embedded default) and Redis pub/sub.
import { randomUUID } from 'node:crypto';
import { issueUserToken } from '@ledgerline/identity';
import type { FormattedExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contributeInTransaction } from '../../subgraphs/finance/src/groups/contributions.js';
import { publishPending, pruneGroupEvents } from '../../subgraphs/finance/src/groups/outboxRelay.js';
import { localGroupEventFeed } from '../../subgraphs/finance/src/groups/groupEventPublishers.js';
import { freshSchemas } from '../../test/support/freshSchemas.js';
import { redisForTests } from '../../test/support/redisForTests.js';
import { startRouterInFrontOf, type InProcessRouter } from '../../test/support/routerInProcess.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../test/support/subgraphsInProcess.js';
import { watch } from '../../test/support/subscriptionClient.js';
import WebSocket from 'ws';

const redisUrl = await redisForTests();

const PROGRESS = `
  subscription Progress($groupId: ID!, $since: Int) {
    groupSavingsProgress(groupId: $groupId, since: $since) {
      sequence
      contribution { amount message contributor { username } }
      progress { total percent }
    }
  }`;

interface ProgressEvent {
  sequence: number;
  contribution: { amount: string; message: string | null; contributor: { username: string } | null };
  progress: { total: string; percent: number };
}

/** The event a subscription result carries. */
const eventIn = (result: FormattedExecutionResult | undefined) => result?.data?.['groupSavingsProgress'] as ProgressEvent | undefined;

interface Member {
  token: string;
  userId: string;
  username: string;
  password: string;
}

describe.each([
  { bus: 'the gRPC stream', redis: false },
  { bus: 'Redis pub/sub', redis: true },
])('group savings through the router, events over $bus', ({ redis }) => {
  let subgraphs: InProcessSubgraphs;
  let router: InProcessRouter;

  beforeAll(async () => {
    if (redis && redisUrl === null) return;
    const busOptions = redis && redisUrl !== null ? { redisUrl } : {};
    subgraphs = await startSubgraphsInProcess({ schemas: await freshSchemas(), ...busOptions });
    router = await startRouterInFrontOf(subgraphs, busOptions);
  });

  afterAll(async () => {
    await router?.stop();
    await subgraphs?.stop();
  });

  async function member(): Promise<Member> {
    return router.register();
  }

  async function call(via: InProcessRouter, query: string, variables: Record<string, unknown>, token: string) {
    const answer = await via.graphql(query, variables, token);
    if (answer.errors) throw new Error(`GraphQL answered ${JSON.stringify(answer.errors)}`);
    return answer.data!;
  }

  /** A group of `owner` that `others` joined with its invite code. */
  async function groupOf(owner: Member, others: Member[], target = '100.00'): Promise<string> {
    const { createSavingsGroup } = await call(
      router,
      'mutation($t: Money!) { createSavingsGroup(name: "Trip", targetAmount: $t, deadline: "2099-12-31") { id inviteCode } }',
      { t: target },
      owner.token,
    );
    for (const other of others) {
      await call(
        router,
        'mutation($c: String!) { joinSavingsGroup(inviteCode: $c) { id } }',
        { c: createSavingsGroup.inviteCode },
        other.token,
      );
    }
    return createSavingsGroup.id as string;
  }

  const contribute = (by: Member, groupId: string, amount: string, message: string | null = null, via = router) =>
    call(
      via,
      'mutation($g: ID!, $a: Money!, $m: String) { contributeToGroup(groupId: $g, amount: $a, message: $m) { id } }',
      { g: groupId, a: amount, m: message },
      by.token,
    );

  it.skipIf(redis && redisUrl === null)(
    "shows a member another member's contribution, with the contributor's username from the User subgraph",
    async () => {
      const [alice, bob] = [await member(), await member()];
      const groupId = await groupOf(alice, [bob]);
      // From sequence 0, so the contribution is delivered however soon after subscribing it comes.
      const watcher = watch(router.origin, alice.token, PROGRESS, { groupId, since: 0 });
      await contribute(bob, groupId, '25.50', 'first!');

      const [event] = await watcher.received(1);
      expect(event).toEqual({
        data: {
          groupSavingsProgress: {
            sequence: 1,
            contribution: { amount: '25.50', message: 'first!', contributor: { username: bob.username } },
            progress: { total: '25.50', percent: 25.5 },
          },
        },
      });
      await watcher.stop();
    },
  );

  it.skipIf(redis && redisUrl === null)('resumes with `since`: exactly the events missed, in order, then live ones', async () => {
    const [alice, bob] = [await member(), await member()];
    const groupId = await groupOf(alice, [bob], '1000.00');
    await contribute(bob, groupId, '10.00');
    const first = watch(router.origin, alice.token, PROGRESS, { groupId, since: 0 });
    expect((await first.received(1)).map((result) => eventIn(result)?.sequence)).toEqual([1]);
    await first.stop();

    await contribute(bob, groupId, '20.00', 'second');
    await contribute(bob, groupId, '30.00', 'third');
    const resumed = watch(router.origin, alice.token, PROGRESS, { groupId, since: 1 });
    const missed = await resumed.received(2);
    expect(missed.map(eventIn)).toEqual([
      expect.objectContaining({
        sequence: 2,
        contribution: expect.objectContaining({ amount: '20.00', message: 'second' }),
        progress: { total: '30.00', percent: 3 },
      }),
      expect.objectContaining({
        sequence: 3,
        contribution: expect.objectContaining({ amount: '30.00', message: 'third' }),
        progress: { total: '60.00', percent: 6 },
      }),
    ]);
    await contribute(alice, groupId, '40.00');
    const all = await resumed.received(3);
    expect(all.map((result) => eventIn(result)?.sequence)).toEqual([2, 3, 4]);
    // Nothing more arrives: no duplicate of a replayed event once live ones flow.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resumed.results).toHaveLength(3);
    await resumed.stop();
  });

  it.skipIf(redis && redisUrl === null)('never delivers a contribution that was rolled back', async () => {
    const [alice, bob] = [await member(), await member()];
    const groupId = await groupOf(alice, [bob]);
    const watcher = watch(router.origin, alice.token, PROGRESS, { groupId, since: 0 });
    const rolledBack = subgraphs.databases.finance.$transaction(async (tx) => {
      await contributeInTransaction(tx, Number(groupId), Number(bob.userId), { amount: '66.66', message: 'never happened' });
      throw new Error('the transaction fails after the contribution was written');
    });
    await expect(rolledBack).rejects.toThrow('the transaction fails');
    await contribute(bob, groupId, '5.00', 'real');

    const [event] = await watcher.received(1);
    expect(eventIn(event)).toMatchObject({ sequence: 1, contribution: { amount: '5.00', message: 'real' }, progress: { total: '5.00' } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(watcher.results).toHaveLength(1);
    await watcher.stop();
  });

  it.skipIf(redis && redisUrl === null)('answers a subscription sent over plain HTTP with 400 and where to send it', async () => {
    const alice = await member();
    const response = await fetch(`${router.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${alice.token}` },
      body: JSON.stringify({ query: PROGRESS, variables: { groupId: '1' } }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' }, message: expect.stringContaining('graphql-ws') });
  });

  it.skipIf(redis && redisUrl === null)("runs a query sent on the WebSocket as the socket's user, through the gateway", async () => {
    const alice = await member();
    const asked = watch(router.origin, alice.token, '{ me { id username } }', {});
    await asked.ended();
    expect(asked.results).toEqual([{ data: { me: { id: alice.userId, username: alice.username } } }]);
    await asked.stop();
  });

  it.skipIf(redis && redisUrl === null)('refuses a non-member with FORBIDDEN, and a socket without a valid token with 4401', async () => {
    const [alice, stranger] = [await member(), await member()];
    const groupId = await groupOf(alice, []);
    const refused = watch(router.origin, stranger.token, PROGRESS, { groupId });
    await refused.ended();
    expect(refused.error).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
    await refused.stop();

    for (const token of [null, 'not-a-token']) {
      const anonymous = watch(router.origin, token, PROGRESS, { groupId });
      await expect.poll(() => anonymous.closed?.code, { timeout: 5_000 }).toBe(4401);
      await anonymous.stop();
    }
  });

  it.skipIf(redis && redisUrl === null)('stops a member who leaves at once, while the others go on receiving', async () => {
    const [alice, bob] = [await member(), await member()];
    const groupId = await groupOf(alice, [bob]);
    const bobWatching = watch(router.origin, bob.token, PROGRESS, { groupId, since: 0 });
    const aliceWatching = watch(router.origin, alice.token, PROGRESS, { groupId, since: 0 });
    await contribute(alice, groupId, '1.00');
    await Promise.all([bobWatching.received(1), aliceWatching.received(1)]);
    await call(router, 'mutation($g: ID!) { leaveSavingsGroup(groupId: $g) }', { g: groupId }, bob.token);

    await bobWatching.ended();
    expect(bobWatching.results[1]).toEqual({
      errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })],
    });
    await contribute(alice, groupId, '12.00');
    await aliceWatching.received(2);
    expect(bobWatching.results).toHaveLength(2);
    await Promise.all([bobWatching.stop(), aliceWatching.stop()]);
  });

  it.skipIf(redis && redisUrl === null)('closes the socket with 4401 when the token expires or the account is deleted', async () => {
    const [alice, bob] = [await member(), await member()];
    const groupId = await groupOf(alice, [bob]);
    const { accountKey } = await subgraphs.databases.user.user.findUniqueOrThrow({
      where: { id: Number(alice.userId) },
      select: { accountKey: true },
    });
    const shortLived = issueUserToken(
      { userId: Number(alice.userId), accountKey, sessionId: randomUUID() },
      subgraphs.secrets.jwtSecret,
      1,
    );
    const expiring = watch(router.origin, shortLived, PROGRESS, { groupId });
    await expect.poll(() => expiring.closed?.code, { timeout: 5_000 }).toBe(4401);
    await expiring.stop();

    const deleted = watch(router.origin, bob.token, PROGRESS, { groupId, since: 0 });
    await contribute(bob, groupId, '1.00');
    await deleted.received(1);
    await call(router, 'mutation($p: String!) { deleteAccount(password: $p) { status } }', { p: bob.password }, bob.token);
    await expect.poll(() => deleted.closed?.code, { timeout: 5_000 }).toBe(4401);
    await deleted.stop();
  });

  it.skipIf(redis && redisUrl === null)(
    'answers a `since` older than the log keeps with EVENTS_EXPIRED, saying where the log starts',
    async () => {
      const [alice, bob] = [await member(), await member()];
      const groupId = await groupOf(alice, [bob], '1000.00');
      for (const amount of ['1.00', '2.00', '3.00']) await contribute(bob, groupId, amount);
      const db = subgraphs.databases.finance;
      await publishPending(db, localGroupEventFeed());
      // The first two events pass the retention; the third is recent.
      await db.groupEvent.updateMany({
        where: { groupId: Number(groupId), sequence: { lte: 2 } },
        data: { createdAt: new Date(Date.now() - 3 * 3_600_000) },
      });
      await pruneGroupEvents(db, 3_600_000);

      const expired = watch(router.origin, alice.token, PROGRESS, { groupId, since: 0 });
      await expired.ended();
      expect(expired.error).toEqual([
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'EVENTS_EXPIRED', oldestSequence: 3 }) }),
      ]);
      await expired.stop();
      const kept = watch(router.origin, alice.token, PROGRESS, { groupId, since: 2 });
      expect(eventIn((await kept.received(1))[0])?.sequence).toBe(3);
      await kept.stop();
    },
  );

  it.skipIf(redis && redisUrl === null)(
    'delivers an event committed while the router was down to a client resuming with `since`',
    async () => {
      const [alice, bob] = [await member(), await member()];
      const groupId = await groupOf(alice, [bob]);
      const other = await startRouterInFrontOf(subgraphs, redis && redisUrl !== null ? { redisUrl } : {});
      const watcher = watch(other.origin, alice.token, PROGRESS, { groupId, since: 0 });
      await contribute(bob, groupId, '1.00');
      const [seen] = await watcher.received(1);
      await other.stop();
      // Drain closes the socket as going away (1001), which graphql-ws clients may retry.
      await expect.poll(() => watcher.closed?.code, { timeout: 5_000 }).toBe(1001);
      await watcher.stop();

      await contribute(bob, groupId, '2.00', 'while you were away');
      const back = await startRouterInFrontOf(subgraphs, redis && redisUrl !== null ? { redisUrl } : {});
      const resumed = watch(back.origin, alice.token, PROGRESS, { groupId, since: eventIn(seen)?.sequence });
      const [missed] = await resumed.received(1);
      expect(eventIn(missed)).toMatchObject({ sequence: 2, contribution: { message: 'while you were away' } });
      await resumed.stop();
      await back.stop();
    },
  );
});

describe('the WebSocket keep-alive', () => {
  it('closes a socket that stops answering pings, and keeps one that answers', async () => {
    const subgraphs = await startSubgraphsInProcess();
    const router = await startRouterInFrontOf(subgraphs, { webSockets: { keepAliveMs: 300 } });
    const { token } = await router.register();
    const open = (answersPings: boolean) =>
      new Promise<WebSocket>((resolve, reject) => {
        const socket = new WebSocket(`${router.origin.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', { autoPong: answersPings });
        socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
        socket.once('message', () => resolve(socket));
        socket.once('error', reject);
      });
    const [silent, alive] = [await open(false), await open(true)];
    const silentClosed = new Promise((resolve) => silent.once('close', resolve));
    await silentClosed;
    expect(alive.readyState).toBe(WebSocket.OPEN);
    alive.close();
    await router.stop();
    await subgraphs.stop();
  });
});
