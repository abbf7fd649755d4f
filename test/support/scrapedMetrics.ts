// Reads a service's Prometheus metrics (GET /metrics on its metrics port), as a scraper would:
// every metric it declares, and every sample with its name, labels and value.

export interface MetricSample {
  /** As exposed: a histogram's samples are <name>_bucket, <name>_sum and <name>_count. */
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface ScrapedMetrics {
  /** Every metric declared (# TYPE), by name, with its type: also those with no sample yet (a labelled counter never counted). */
  families: Map<string, string>;
  samples: MetricSample[];
}

const TYPE_LINE = /^# TYPE (\S+) (\S+)/;
const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL_PAIR = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

const unescaped = (value: string): string => value.replace(/\\(.)/g, (_, escaped: string) => (escaped === 'n' ? '\n' : escaped));

/** A Prometheus text exposition, read. */
export function parseMetrics(text: string): ScrapedMetrics {
  const families = new Map<string, string>();
  const samples: MetricSample[] = [];
  for (const line of text.split('\n')) {
    const type = TYPE_LINE.exec(line);
    if (type !== null) families.set(type[1]!, type[2]!);
    const sample = SAMPLE_LINE.exec(line);
    if (sample === null) continue;
    const labels: Record<string, string> = {};
    for (const [, label, value] of (sample[2] ?? '').matchAll(LABEL_PAIR)) labels[label!] = unescaped(value!);
    samples.push({ name: sample[1]!, labels, value: Number(sample[3]) });
  }
  return { families, samples };
}

/** What a metrics endpoint exposes now, e.g. scrapeMetrics('http://127.0.0.1:9464/metrics'). */
export async function scrapeMetrics(url: string): Promise<ScrapedMetrics> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return parseMetrics(await response.text());
}

/** The sum of the samples named `name` whose labels include `labels`: 0 when none. */
export function sampleValue(scraped: ScrapedMetrics, name: string, labels: Record<string, string> = {}): number {
  return scraped.samples
    .filter((sample) => sample.name === name && Object.entries(labels).every(([label, value]) => sample.labels[label] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}

/** One value of the router's metrics, read from its metrics origin (METRICS_PORT); 0 when it has no such sample. */
export async function routerMetric(metricsOrigin: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  return sampleValue(await scrapeMetrics(`${metricsOrigin}/metrics`), name, labels);
}
