// `npm start` from nothing to ready, as a user runs it: no DATABASE_URL or REDIS_URL (so on the
// embedded PostgreSQL), a fresh data directory and free ports, timed until the router's /readyz
// answers 200; then stopped as Ctrl-C stops it, and the data directory deleted.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { exitedWithin, killLeftovers, npmStart } from '../../test/support/npmStart.js';

const STOP_WAIT_MS = 40_000;

export async function secondsToReady(): Promise<number> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ledgerline-bench-start-'));
  try {
    const startedAt = performance.now();
    const started = await npmStart(dataDir);
    const seconds = Math.round((performance.now() - startedAt) / 100) / 10;
    const processes = started.processes();
    process.kill(-(started.npm.pid ?? 0), 'SIGINT');
    killLeftovers(await exitedWithin(processes, STOP_WAIT_MS));
    return seconds;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
