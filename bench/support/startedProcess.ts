// A server process a benchmark started beside the stack (Hive Gateway, a second router). Started
// here (Hive Gateway): ready once a URL answers 200, stopped with SIGTERM (then SIGKILL), and killed
// in any case when the benchmark exits.
import type { ChildProcess } from 'node:child_process';

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;

export interface StartedProcess {
  origin: string;
  pid: number;
  /** Rejects when the process exits before stop() is called. */
  failed: Promise<never>;
  stop(): Promise<void>;
}

export async function startedProcess(name: string, child: ChildProcess, origin: string, readyPath: string): Promise<StartedProcess> {
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let stopping = false;
  const stop = async () => {
    stopping = true;
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} before it was ready`);
    const ready = await fetch(`${origin}${readyPath}`, { signal: AbortSignal.timeout(1_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} was not ready at ${origin}${readyPath} within ${READY_TIMEOUT_MS} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    origin,
    pid: child.pid ?? 0,
    failed: exited.then((code) =>
      stopping ? new Promise<never>(() => {}) : Promise.reject(new Error(`${name} exited with code ${code}`)),
    ),
    stop,
  };
}
