// Reads a service's Prometheus metrics (GET /metrics on its metrics port), as a scraper would:
// every sample with its name, labels and value.

export interface MetricSample {
  /** As exposed: a histogram's samples are <name>_bucket, <name>_sum and <name>_count. */
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL_PAIR = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** The samples of a Prometheus text exposition (comments and blank lines skipped). */
export function parseMetrics(text: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const line of text.split('\n')) {
    const match = SAMPLE_LINE.exec(line);
    if (match === null) continue;
    const labels: Record<string, string> = {};
    for (const [, label, value] of (match[2] ?? '').matchAll(LABEL_PAIR))
      labels[label!] = value!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** Every sample a metrics endpoint exposes now, e.g. scrapeMetrics('http://127.0.0.1:9464/metrics'). */
export async function scrapeMetrics(url: string): Promise<MetricSample[]> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return parseMetrics(await response.text());
}

/** The metric names (families, without _bucket/_sum/_count) among the samples. */
export function metricNames(samples: MetricSample[]): Set<string> {
  return new Set(samples.map((sample) => sample.name.replace(/_(bucket|sum|count)$/, '')));
}

/** The sum of the samples named `name` whose labels include `labels`: 0 when none. */
export function sampleValue(samples: MetricSample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((sample) => sample.name === name && Object.entries(labels).every(([label, value]) => sample.labels[label] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}

/** One value of the router's metrics, read from its metrics origin (METRICS_PORT); 0 when it has no such sample. */
export async function routerMetric(metricsOrigin: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  return sampleValue(await scrapeMetrics(`${metricsOrigin}/metrics`), name, labels);
}
