// The machine a benchmark runs on, for its report, and whether other work is sharing it.
import { cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  node: string;
}

export const machine = (): Machine => ({
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryBytes: totalmem(),
  node: process.version,
});

/** A warning when the load average is above the core count: other work then shares the CPUs the benchmark measures with. */
export function busyMachineWarning(): string | null {
  const [loadNow = 0] = loadavg();
  return loadNow > cpus().length
    ? `warning: load average ${loadNow.toFixed(1)} on ${cpus().length} cores: other work shares the CPUs, so latencies will be inflated (and throughput deflated)`
    : null;
}
