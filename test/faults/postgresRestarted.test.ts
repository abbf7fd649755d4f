// PostgreSQL restarting (pg_ctl restart -m fast: sessions ended, the server down for a moment) under
// concurrent writes through the router: no write answered as successful may be lost, every write
// that failed must be answered as failed, and writes must succeed again once the server is back.
// The cluster is one of this test's own, so the one other tests share is never restarted.
import { setTimeout as sleep } from 'node:timers/promises';
import { applyMigrations } from '@ledgerline/prisma/migrate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContinuousLoad } from '../support/continuousLoad.js';
import { recordFaultCounts } from '../support/faultCounts.js';
import { SCHEMAS } from '../support/integrationSetup.js';
import {
  privateClusterUnavailableBecause,
  startPrivatePostgresCluster,
  type PrivatePostgresCluster,
} from '../support/privatePostgresCluster.js';
import { errorCodesOf, failureOf, reportedAsFailed, RequestTally } from '../support/requestOutcomes.js';
import { startRouterInFrontOf, type InProcessRouter } from '../support/routerInProcess.js';
import type { Member } from '../support/savingsGroupsThroughRouter.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../support/subgraphsInProcess.js';
import {
  acknowledgedWritesMissing,
  addIncomeThrough,
  amountOfWrite,
  unacknowledgedWritesStored,
  type IncomeWrite,
} from '../support/trackedIncomeWrites.js';

const WRITERS = 4;
const WRITES_BEFORE_RESTART_MS = 1_000;
const WRITES_AFTER_RESTART_MS = 2_500;
/** How long after the restart writes may still fail on connections the restart ended. */
const RECOVERY_MS = 1_000;
const unavailable = privateClusterUnavailableBecause();

const title = `PostgreSQL restarted under writes${unavailable === null ? '' : ` (skipped: ${unavailable})`}`;

describe.skipIf(unavailable !== null)(title, () => {
  let cluster: PrivatePostgresCluster;
  let subgraphs: InProcessSubgraphs;
  let router: InProcessRouter;

  beforeAll(async () => {
    cluster = await startPrivatePostgresCluster();
    await applyMigrations({ service: 'user', databaseUrl: cluster.url, schema: SCHEMAS.user });
    await applyMigrations({ service: 'finance', databaseUrl: cluster.url, schema: SCHEMAS.finance });
    subgraphs = await startSubgraphsInProcess({ databaseUrl: cluster.url });
    router = await startRouterInFrontOf(subgraphs);
  });

  afterAll(async () => {
    try {
      await router?.stop();
      await subgraphs?.stop();
    } finally {
      // Whatever failed before, no server process or data directory is left behind.
      await cluster?.remove();
    }
  });

  it('loses no acknowledged write, answers every failed write with an error, and writes again after the restart', async () => {
    const members: Member[] = await Promise.all(Array.from({ length: WRITERS }, () => router.register()));
    const tally = new RequestTally();
    const writes: IncomeWrite[] = [];

    const load = startContinuousLoad(WRITERS, async (writer, sentBefore) => {
      const write = await addIncomeThrough(router, members[writer]!, amountOfWrite(sentBefore));
      writes.push(write);
      tally.count(write.outcome);
    });
    await sleep(WRITES_BEFORE_RESTART_MS);
    const restartStartedAt = Date.now();
    await cluster.restart();
    const restartedAt = Date.now();
    await sleep(WRITES_AFTER_RESTART_MS);
    await load.stop();

    const lost = await acknowledgedWritesMissing(subgraphs.databases.finance, writes);
    const failed = writes.filter((write) => write.acknowledgedId === null);
    const storedAnyway = await unacknowledgedWritesStored(subgraphs.databases.finance, writes);
    recordFaultCounts(
      'postgres-restarted',
      { faultsInjected: 1, requestsSent: tally.sent, requestsFailed: tally.failed, acknowledgedWritesLost: lost.length },
      [
        `restart took ${restartedAt - restartStartedAt} ms; failures: ${JSON.stringify(Object.fromEntries(tally.failures))}`,
        `${storedAnyway.length} of ${failed.length} failed writes were stored all the same (never acknowledged, so not lost)`,
      ],
    );

    expect(lost).toEqual([]);
    // A write that failed while its answer looked like a success would leave the client believing it.
    expect(failed.filter((write) => !reportedAsFailed(write.outcome)).map((write) => failureOf(write.outcome))).toEqual([]);
    // Failed with a code that says "try again", never an unexplained internal error.
    const RETRYABLE = ['SERVICE_UNAVAILABLE', 'SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_TIMEOUT'];
    expect(
      failed
        .filter((write) => !errorCodesOf(write.outcome).every((code) => RETRYABLE.includes(code)))
        .map((write) => failureOf(write.outcome)),
    ).toEqual([]);
    expect(writes.filter((write) => write.sentAt < restartStartedAt && write.acknowledgedId !== null).length).toBeGreaterThan(0);
    expect(writes.filter((write) => write.sentAt >= restartedAt && write.acknowledgedId !== null).length).toBeGreaterThan(0);
    // Recovered, not merely lucky: once the pools had a moment to replace their ended connections, no write fails.
    const settledAt = restartedAt + RECOVERY_MS;
    expect(
      writes.filter((write) => write.sentAt >= settledAt && write.acknowledgedId === null).map((write) => failureOf(write.outcome)),
    ).toEqual([]);
  });
});
