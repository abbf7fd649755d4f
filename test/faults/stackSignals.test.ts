// `npm start` stopped the ways it is stopped: SIGTERM to npm or to the launcher under 50 writes in flight, a service
// that dies. The whole tree of processes goes, every port is freed, and writes in flight finish first. Three starts in
// all, about 35 s: the second and third run on the same data directory, so the third also shows that every
// acknowledged write was kept.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ProcessEntry } from '../support/processTree.js';
import { exitedWithin, killLeftovers, npmStart, portsInUse, type NpmStart } from '../support/npmStart.js';
import { recordFaultCounts } from '../support/faultCounts.js';
import { routerAt } from '../support/routerAt.js';

const STOP_TIMEOUT_MS = 20_000;
const WRITES_IN_FLIGHT = 50;
const LAUNCHER = 'packages/launcher/src/main.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-signals-'));
let started: ProcessEntry[] = [];

async function launch(): Promise<NpmStart> {
  const stack = await npmStart(dataDir);
  started = stack.processes();
  return stack;
}

/** Every process `stack` had is gone in time and nothing listens on its ports. */
async function expectAllStopped(stack: NpmStart, processes: ProcessEntry[]): Promise<void> {
  expect(await exitedWithin(processes, STOP_TIMEOUT_MS), stack.output()).toEqual([]);
  expect(await portsInUse(stack.ports)).toEqual([]);
}

afterEach(() => killLeftovers(started));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('stopping npm start', { timeout: 90_000 }, () => {
  it('stops the launcher, every service and the embedded database on SIGTERM to npm', async () => {
    const stack = await launch();
    // npm, its shell, the launcher, three services (and the esbuild helper tsx runs beside each node process).
    expect(started.length).toBeGreaterThanOrEqual(6);
    stack.npm.kill('SIGTERM');
    await expectAllStopped(stack, started);
  });

  let answeredWrites: { token: string; ids: string[]; failed: number } | undefined;

  it('finishes the writes in flight, then stops everything, on SIGTERM to the launcher process', async () => {
    const stack = await launch();
    const router = routerAt(stack.routerOrigin);
    const member = await router.register();
    const writes = Array.from({ length: WRITES_IN_FLIGHT }, (_, i) =>
      router
        .post({ query: `mutation { addIncome(amount: "${i + 1}.00", source: "in flight", date: "2026-03-01") { id } }` }, member.token)
        .then(
          ({ status, answer }) => ({ status, id: (answer.data?.['addIncome'] as { id: string } | undefined)?.id }),
          // Refused once the router stopped taking connections: never answered, so never promised.
          () => ({ status: 0, id: undefined }),
        ),
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    process.kill(stack.nodeRunning(LAUNCHER).pid, 'SIGTERM');
    const answers = await Promise.all(writes);

    await expectAllStopped(stack, started);
    expect(answers.filter(({ status }) => status >= 500)).toEqual([]);
    const ids = answers.filter(({ status, id }) => status === 200 && id !== undefined).map(({ id }) => id as string);
    expect(ids.length).toBeGreaterThan(0);
    answeredWrites = { token: member.token, ids, failed: answers.length - ids.length };
  });

  it('keeps every answered write across a restart, and stops everything, exiting non-zero, when a service dies', async () => {
    const stack = await launch();
    const router = routerAt(stack.routerOrigin);
    const kept = await router.graphql('{ me { incomes(limit: 500) { id } } }', {}, answeredWrites?.token);
    const keptIds = (kept.data?.['me'] as { incomes: { id: string }[] } | undefined)?.incomes.map(({ id }) => id);
    recordFaultCounts('stack-sigterm-under-writes', {
      faultsInjected: 1,
      requestsSent: WRITES_IN_FLIGHT,
      requestsFailed: answeredWrites?.failed ?? WRITES_IN_FLIGHT,
      acknowledgedWritesLost: (answeredWrites?.ids ?? []).filter((id) => !keptIds?.includes(id)).length,
    });
    expect(keptIds).toEqual(expect.arrayContaining(answeredWrites?.ids ?? ['the previous test did not run']));

    process.kill(stack.nodeRunning('subgraphs/finance/src/main.ts').pid, 'SIGKILL');
    expect(await stack.exited).not.toBe(0);
    await expectAllStopped(stack, started);
  });
});
