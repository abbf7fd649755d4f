// The original design's WebSocket route, /ws/group-savings/{group_id}/updates, as a browser-style
// client uses it: a plain WebSocket to the router (in front of both subgraphs, in-process, real
// sockets), the token in its first message, and the original message shape.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshSchemas } from '../../test/support/freshSchemas.js';
import { groupUpdates } from '../../test/support/groupUpdatesClient.js';
import { redisForTests } from '../../test/support/redisForTests.js';
import { routerMetric } from '../../test/support/scrapedMetrics.js';
import { startRouterInFrontOf, type InProcessRouter } from '../../test/support/routerInProcess.js';
import { contributeThrough, groupOf, type Member } from '../../test/support/savingsGroupsThroughRouter.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../test/support/subgraphsInProcess.js';

const redisUrl = await redisForTests();
const INIT_TIMEOUT_MS = 400;
const LIVE_UPDATES = 'ledgerline_router_group_subscriptions';

describe('the group savings updates WebSocket route', () => {
  let subgraphs: InProcessSubgraphs;
  let router: InProcessRouter;

  beforeAll(async () => {
    const bus = redisUrl === null ? {} : { redisUrl };
    subgraphs = await startSubgraphsInProcess({ schemas: await freshSchemas(), ...bus });
    router = await startRouterInFrontOf(subgraphs, { ...bus, webSockets: { initTimeoutMs: INIT_TIMEOUT_MS } });
  });

  afterAll(async () => {
    await router?.stop();
    await subgraphs?.stop();
  });

  const member = (): Promise<Member> => router.register();

  it('sends a contribution made through GraphQL in the original shape', async () => {
    const [alice, bob] = [await member(), await member()];
    const groupId = await groupOf(router, alice, [bob]);
    const updates = groupUpdates(router.origin, groupId, { token: alice.token, since: 0 });
    await contributeThrough(router, bob, groupId, '25.50', 'first!');

    const [message] = await updates.received(1);
    expect(message).toEqual({ user_id: Number(bob.userId), contribution_amount: 25.5, message: 'first!', timestamp: expect.any(String) });
    expect(new Date((message as { timestamp: string }).timestamp).toISOString()).toBe((message as { timestamp: string }).timestamp);
    updates.stop();
  });

  it('sends live contributions to a client that connected without since, with an empty message when none was written', async () => {
    const [alice, bob] = [await member(), await member()];
    const groupId = await groupOf(router, alice, [bob]);
    await contributeThrough(router, bob, groupId, '1.00');
    const updates = groupUpdates(router.origin, groupId, { token: `Bearer ${alice.token}` });
    // The route answers nothing on connect: the router's gauge of live updates shows when it follows the group.
    await vi.waitFor(async () => expect(await routerMetric(router.metricsOrigin, LIVE_UPDATES, { route: 'group_updates' })).toBe(1));
    await contributeThrough(router, bob, groupId, '10.05');

    expect(await updates.received(1)).toEqual([
      { user_id: Number(bob.userId), contribution_amount: 10.05, message: '', timestamp: expect.any(String) },
    ]);
    updates.stop();
  });

  it('resumes with since: exactly the contributions after it, in order', async () => {
    const [alice, bob] = [await member(), await member()];
    const groupId = await groupOf(router, alice, [bob]);
    for (const amount of ['1.00', '2.00', '3.00']) await contributeThrough(router, bob, groupId, amount);

    const updates = groupUpdates(router.origin, groupId, { token: alice.token, since: 1 });
    const messages = await updates.received(2);
    expect(messages.map((message) => (message as { contribution_amount: number }).contribution_amount)).toEqual([2, 3]);
    await contributeThrough(router, alice, groupId, '4.00');
    expect(((await updates.received(3))[2] as { user_id: number }).user_id).toBe(Number(alice.userId));
    updates.stop();
  });

  it('accepts the token as a query parameter, for clients that cannot send a first message', async () => {
    const [alice, bob] = [await member(), await member()];
    const groupId = await groupOf(router, alice, [bob]);
    const updates = groupUpdates(router.origin, groupId, { queryToken: alice.token, since: 0 });
    await contributeThrough(router, bob, groupId, '7.00');
    expect(await updates.received(1)).toEqual([expect.objectContaining({ contribution_amount: 7 })]);
    updates.stop();
  });

  it('closes with 4403 for a non-member and 4404 for a group that does not exist', async () => {
    const [alice, outsider] = [await member(), await member()];
    const groupId = await groupOf(router, alice, []);

    expect((await groupUpdates(router.origin, groupId, { token: outsider.token }).closedWith()).code).toBe(4403);
    expect((await groupUpdates(router.origin, '999999999', { token: outsider.token }).closedWith()).code).toBe(4404);
  });

  it('closes with 4401 for a bad, forged or missing token', async () => {
    const alice = await member();
    const groupId = await groupOf(router, alice, []);
    const forged = `${alice.token.slice(0, -4)}AAAA`;

    const closes = await Promise.all([
      groupUpdates(router.origin, groupId, { token: 'not-a-token' }).closedWith(),
      groupUpdates(router.origin, groupId, { token: forged }).closedWith(),
      groupUpdates(router.origin, groupId, { queryToken: forged }).closedWith(),
    ]);
    expect(closes.map((close) => close.code)).toEqual([4401, 4401, 4401]);
    expect(closes[0].reason).toMatch(/token/i);
  });

  it('closes with 4400 for a malformed first message, group id or since', async () => {
    const alice = await member();
    const groupId = await groupOf(router, alice, []);

    const closes = await Promise.all([
      groupUpdates(router.origin, groupId, { firstMessage: 'hello' }).closedWith(),
      groupUpdates(router.origin, groupId, { firstMessage: JSON.stringify({ authorization: alice.token }) }).closedWith(),
      groupUpdates(router.origin, 'not-an-id', { token: alice.token }).closedWith(),
      groupUpdates(router.origin, groupId, { token: alice.token, since: '-1' }).closedWith(),
    ]);
    expect(closes.map((close) => close.code)).toEqual([4400, 4400, 4400, 4400]);
    expect(closes[0].reason).toContain('{"token": "<token>"}');
  });

  it('closes a client that sends no first message with 4408 once the init timeout has passed', async () => {
    const alice = await member();
    const groupId = await groupOf(router, alice, []);
    const openedAt = Date.now();
    const close = await groupUpdates(router.origin, groupId).closedWith();
    expect(close.code).toBe(4408);
    expect(Date.now() - openedAt).toBeGreaterThanOrEqual(INIT_TIMEOUT_MS - 50);
  });

  it('closes with 4403 when the member leaves the group', async () => {
    const [alice, bob] = [await member(), await member()];
    const groupId = await groupOf(router, alice, [bob]);
    const updates = groupUpdates(router.origin, groupId, { token: bob.token, since: 0 });
    await contributeThrough(router, alice, groupId, '5.00');
    await updates.received(1);
    await router.graphql('mutation($g: ID!) { leaveSavingsGroup(groupId: $g) }', { g: groupId }, bob.token);

    expect((await updates.closedWith()).code).toBe(4403);
  });
});
