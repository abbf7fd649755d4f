// A redis-server of a test's own, on a port of its own, that the test stops and starts again: an
// outage of the cache store without touching the Redis other tests share. Its data is saved on
// stop and loaded on start, as a Redis with persistence comes back from a restart.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './freePort.js';
import { pingRedis } from './redisForTests.js';

const READY_TIMEOUT_MS = 10_000;

export interface RedisServerProcess {
  url: string;
  /** Saves the data to disk and exits, as `SHUTDOWN SAVE` does. */
  stop(): Promise<void>;
  /** Starts again on the same port with the saved data; does nothing while it runs. */
  start(): Promise<void>;
  /** Ends the process at once (SIGKILL), as a crash: nothing is saved, connections drop. `start` brings it back empty. */
  kill(): Promise<void>;
  /** Stops the process without ending it (SIGSTOP): connections stay open and nothing answers, as a hung server. */
  freeze(): void;
  thaw(): void;
  /** Stops it for good and removes its data. */
  remove(): Promise<void>;
}

/** Whether redis-server can be started here (the CI machine has it; a laptop may not). */
export const canStartRedisServer = (): boolean => spawnSync('redis-server', ['--version']).status === 0;

export async function startRedisServerProcess(): Promise<RedisServerProcess> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;

  async function start(): Promise<void> {
    if (child !== null && child.exitCode === null && child.signalCode === null) return;
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await untilAnswering(url);
  }

  async function stop(): Promise<void> {
    const running = child;
    if (running === null || running.exitCode !== null) return;
    const exited = once(running, 'exit');
    const admin = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
    admin.on('error', () => undefined);
    await admin.call('SHUTDOWN', 'SAVE').catch(() => undefined);
    admin.disconnect();
    await exited;
    child = null;
  }

  async function kill(): Promise<void> {
    const running = child;
    if (running === null || running.exitCode !== null || running.signalCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGKILL');
    await exited;
    child = null;
  }

  const signal = (name: NodeJS.Signals) => {
    if (child?.pid !== undefined) process.kill(child.pid, name);
  };

  await start();
  return {
    url,
    start,
    stop,
    kill,
    freeze: () => signal('SIGSTOP'),
    thaw: () => signal('SIGCONT'),
    async remove() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function untilAnswering(url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    try {
      await pingRedis(url, 500);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`redis-server did not answer at ${url}: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
