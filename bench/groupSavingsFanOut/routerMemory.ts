// The router's resident memory and CPU time: from /proc when it is our child (its pid is known),
// else from its Prometheus /metrics on its metrics port (process_resident_memory_bytes, process_cpu_seconds_total).
import { readFile } from 'node:fs/promises';

export interface RouterGauge {
  /** Where the readings come from, for the report. */
  source: string;
  /** Resident set size in bytes, or null when it cannot be read. */
  rssBytes(): Promise<number | null>;
  /** User plus system CPU time in seconds, or null when it cannot be read. */
  cpuSeconds(): Promise<number | null>;
}

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these. */
const CLOCK_TICKS_PER_SECOND = 100;

function fromProc(pid: number): RouterGauge {
  return {
    source: `/proc/${pid}`,
    async rssBytes() {
      const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
      const kilobytes = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
      return kilobytes === undefined ? null : Number(kilobytes) * 1024;
    },
    async cpuSeconds() {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
      if (stat === null) return null;
      // Fields after "(comm) ": state is the first, utime the 12th, stime the 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
    },
  };
}

function metricValue(metrics: string, name: string): number | null {
  const value = new RegExp(`^${name}(?:\\{[^}]*\\})?\\s+(\\S+)`, 'm').exec(metrics)?.[1];
  return value === undefined ? null : Number(value);
}

function fromMetrics(metricsUrl: string): RouterGauge {
  const read = async (name: string) => {
    try {
      const response = await fetch(metricsUrl, { signal: AbortSignal.timeout(5_000) });
      return response.ok ? metricValue(await response.text(), name) : null;
    } catch {
      return null;
    }
  };
  return {
    source: metricsUrl,
    rssBytes: () => read('process_resident_memory_bytes'),
    cpuSeconds: () => read('process_cpu_seconds_total'),
  };
}

/** `metricsUrl`: the router's GET /metrics, e.g. http://127.0.0.1:9464/metrics. */
export function routerGauge(metricsUrl: string, pid: number | null): RouterGauge {
  return pid === null ? fromMetrics(metricsUrl) : fromProc(pid);
}

/** Waits until the RSS stops moving (two readings a second apart within 1 MiB) or 20 s pass; the last reading. */
export async function settledRss(gauge: RouterGauge): Promise<number | null> {
  let previous = await gauge.rssBytes();
  for (let waited = 0; waited < 20 && previous !== null; waited++) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const current = await gauge.rssBytes();
    if (current === null || Math.abs(current - previous) < 1024 * 1024) return current;
    previous = current;
  }
  return previous;
}

/** Samples the RSS every half second until stopped; the highest reading. */
export function peakRss(gauge: RouterGauge): { stop(): Promise<number | null> } {
  let peak: number | null = null;
  const sample = async () => {
    const rss = await gauge.rssBytes();
    if (rss !== null) peak = Math.max(peak ?? 0, rss);
  };
  const timer = setInterval(() => void sample(), 500);
  return {
    async stop() {
      clearInterval(timer);
      await sample();
      return peak;
    },
  };
}
