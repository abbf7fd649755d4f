// The benchmark's side of its load generator (loadGenerator.ts, a child process): one run at a
// time, with every process's CPU time read as the measured window opens and as it closes.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpuSecondsBetween, cpuSnapshot, type CpuSnapshot, type ProcessGroups } from '../support/processCpu.js';
import type { FromLoadGenerator, LoadResult, LoadRun, LoadSetup, ToLoadGenerator } from './loadPlan.js';

const ENTRY = fileURLToPath(new URL('./loadGenerator.ts', import.meta.url));
/** The group the load generator's own CPU is reported under. */
export const LOAD_GENERATOR = 'load generator';

export interface MeasuredLoad extends LoadResult {
  /** CPU seconds each process (or group of processes) spent in the window. */
  cpuSeconds: Record<string, number>;
}

export interface LoadGenerator {
  measure(run: LoadRun, processes: ProcessGroups): Promise<MeasuredLoad>;
  stop(): void;
}

/** Every message of the child in order: one arriving while the benchmark reads /proc waits here instead of being lost. */
function messageQueue(child: ChildProcess): () => Promise<FromLoadGenerator> {
  const arrived: FromLoadGenerator[] = [];
  let waiting: { resolve(message: FromLoadGenerator): void; reject(error: Error): void } | null = null;
  let exitCode: number | null | undefined;
  child.on('message', (message: FromLoadGenerator) => {
    if (waiting === null) arrived.push(message);
    else waiting.resolve(message);
    waiting = null;
  });
  child.once('exit', (code) => {
    exitCode = code;
    waiting?.reject(new Error(`the load generator exited with code ${code}`));
  });
  return () => {
    const message = arrived.shift();
    if (message !== undefined) return Promise.resolve(message);
    if (exitCode !== undefined) return Promise.reject(new Error(`the load generator exited with code ${exitCode}`));
    return new Promise((resolve, reject) => (waiting = { resolve, reject }));
  };
}

export async function startLoadGenerator(setup: LoadSetup): Promise<LoadGenerator> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const nextMessage = messageQueue(child);
  const send = (message: ToLoadGenerator) => child.send(message);
  await nextMessage();
  send({ kind: 'setup', setup });
  const withGenerator = (processes: ProcessGroups): ProcessGroups => ({ ...processes, [LOAD_GENERATOR]: async () => [child.pid ?? 0] });
  return {
    async measure(run, processes) {
      send({ kind: 'run', run });
      const groups = withGenerator(processes);
      let before: CpuSnapshot = {};
      let cpuSeconds: Record<string, number> = {};
      for (;;) {
        const message = await nextMessage();
        if (message.kind === 'window' && message.edge === 'start') before = await cpuSnapshot(groups);
        if (message.kind === 'window' && message.edge === 'end') cpuSeconds = cpuSecondsBetween(before, await cpuSnapshot(groups));
        if (message.kind === 'result') return { ...message.result, cpuSeconds };
      }
    },
    stop() {
      process.off('exit', killOnExit);
      child.kill('SIGTERM');
    },
  };
}
