// One popular challenge on one router: many subscribers of a group are served by one read of each
// event per distinct selection, or per viewer when the selection depends on who reads it, as the
// router's metrics show. Real graphql-ws clients over real sockets to the router, in front of
// both subgraphs in-process.
import type { FormattedExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshSchemas } from '../../test/support/freshSchemas.js';
import { redisForTests } from '../../test/support/redisForTests.js';
import { startRouterInFrontOf, type InProcessRouter } from '../../test/support/routerInProcess.js';
import { routerMetric } from '../../test/support/scrapedMetrics.js';
import { contributeThrough, groupOf, type Member } from '../../test/support/savingsGroupsThroughRouter.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../test/support/subgraphsInProcess.js';
import { watch, type Watch } from '../../test/support/subscriptionClient.js';

const redisUrl = await redisForTests();
const SUBSCRIBERS = 200;
const RESOLUTIONS = 'ledgerline_router_group_event_resolutions_total';
const LIVE = 'ledgerline_router_group_subscriptions';

const PROGRESS = `
  subscription Progress($groupId: ID!) {
    groupSavingsProgress(groupId: $groupId) { sequence contribution { amount contributor { username } } progress { total } }
  }`;
const WITH_EMAIL = `
  subscription ProgressWithEmail($groupId: ID!) {
    groupSavingsProgress(groupId: $groupId) { sequence contribution { amount contributor { username email } } }
  }`;

describe('fan-out of one group to many subscribers', () => {
  let subgraphs: InProcessSubgraphs;
  let router: InProcessRouter;

  beforeAll(async () => {
    const bus = redisUrl === null ? {} : { redisUrl };
    subgraphs = await startSubgraphsInProcess({ schemas: await freshSchemas(), ...bus });
    router = await startRouterInFrontOf(subgraphs, { ...bus, webSockets: { maxConnectionsPerUser: SUBSCRIBERS } });
  });

  afterAll(async () => {
    await router?.stop();
    await subgraphs?.stop();
  });

  const member = (): Promise<Member> => router.register();
  const resolutions = (scope: string) => routerMetric(router.metricsOrigin, RESOLUTIONS, { scope });

  /** Resolves once the router holds `count` live graphql-ws subscriptions. */
  const liveSubscriptions = (count: number) =>
    vi.waitFor(async () => expect(await routerMetric(router.metricsOrigin, LIVE, { route: 'graphql' })).toBe(count), { timeout: 20_000 });

  const stopAll = async (watches: Watch[]) => {
    await Promise.all(watches.map((watcher) => watcher.stop()));
    await liveSubscriptions(0);
  };

  it(`delivers one contribution to ${SUBSCRIBERS} subscribers with the same selection, read once`, async () => {
    const members = await Promise.all([member(), member(), member(), member()]);
    const [owner, ...others] = members;
    const groupId = await groupOf(router, owner, others);
    const watches = Array.from({ length: SUBSCRIBERS }, (_, index) =>
      watch(router.origin, members[index % members.length]!.token, PROGRESS, { groupId }),
    );
    await liveSubscriptions(SUBSCRIBERS);
    const sharedBefore = await resolutions('shared');

    await contributeThrough(router, others[0], groupId, '12.34');

    await vi.waitFor(() => expect(watches.every((watcher) => watcher.results.length === 1)).toBe(true), { timeout: 20_000 });
    const expected: FormattedExecutionResult = {
      data: {
        groupSavingsProgress: {
          sequence: 1,
          contribution: { amount: '12.34', contributor: { username: others[0].username } },
          progress: { total: '12.34' },
        },
      },
    };
    for (const watcher of watches) expect(watcher.results).toEqual([expected]);
    expect((await resolutions('shared')) - sharedBefore).toBe(1);
    await stopAll(watches);
  }, 60_000);

  it("shows a contributor's email only to that contributor, reading once per viewer", async () => {
    const [alice, bob] = [await member(), await member()];
    const groupId = await groupOf(router, alice, [bob]);
    const aliceWatch = watch(router.origin, alice.token, WITH_EMAIL, { groupId });
    const bobWatch = watch(router.origin, bob.token, WITH_EMAIL, { groupId });
    await liveSubscriptions(2);
    const [viewerBefore, sharedBefore] = [await resolutions('viewer'), await resolutions('shared')];

    await contributeThrough(router, alice, groupId, '5.00');

    const [toAlice] = await aliceWatch.received(1);
    const [toBob] = await bobWatch.received(1);
    expect(toAlice).toEqual({
      data: {
        groupSavingsProgress: {
          sequence: 1,
          contribution: { amount: '5.00', contributor: { username: alice.username, email: alice.email } },
        },
      },
    });
    expect(toBob?.data).toEqual({ groupSavingsProgress: { sequence: 1, contribution: { amount: '5.00', contributor: null } } });
    expect(toBob?.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(JSON.stringify(toBob)).not.toContain(alice.email);
    expect((await resolutions('viewer')) - viewerBefore).toBe(2);
    expect((await resolutions('shared')) - sharedBefore).toBe(0);
    await stopAll([aliceWatch, bobWatch]);
  });

  it('reads once per distinct selection when subscribers select differently', async () => {
    const [alice, bob] = [await member(), await member()];
    const groupId = await groupOf(router, alice, [bob]);
    const SMALL = 'subscription Small($groupId: ID!) { groupSavingsProgress(groupId: $groupId) { sequence } }';
    const watches = [
      ...Array.from({ length: 3 }, () => watch(router.origin, alice.token, PROGRESS, { groupId })),
      ...Array.from({ length: 3 }, () => watch(router.origin, bob.token, SMALL, { groupId })),
    ];
    await liveSubscriptions(watches.length);
    const sharedBefore = await resolutions('shared');

    await contributeThrough(router, bob, groupId, '1.00');

    await vi.waitFor(() => expect(watches.every((watcher) => watcher.results.length === 1)).toBe(true), { timeout: 10_000 });
    expect(watches[5]!.results).toEqual([{ data: { groupSavingsProgress: { sequence: 1 } } }]);
    expect((await resolutions('shared')) - sharedBefore).toBe(2);
    await stopAll(watches);
  });
});
