import { describe, expect, it } from 'vitest';
import { histogramBaseName, metricNamesIn } from '../support/promqlMetricNames.js';

describe('metricNamesIn', () => {
  it('finds the histogram a quantile reads, and neither the functions, the grouping labels nor the quantile', () => {
    const expression =
      'histogram_quantile(0.99, sum by (job, le) (rate(ledgerline_x_seconds_bucket{job=~"$job", le!="0.1"}[$__rate_interval])))';
    expect(metricNamesIn(expression)).toEqual(new Set(['ledgerline_x_seconds_bucket']));
  });

  it('finds both sides of a ratio and of `and`, but no label from `on (...)` or a matcher value', () => {
    const expression = `sum by (subgraph) (rate(a_count{outcome!="ok"}[5m])) / on (subgraph) sum(rate(a_count[5m])) by (subgraph) > 0.05
      and sum without (instance) (rate(b_total{reason="by (x) rate"}[5m] offset 1h)) > 1/60`;
    expect(metricNamesIn(expression)).toEqual(new Set(['a_count', 'b_total']));
  });

  it('finds a bare name, one compared with a number, and one behind a subquery', () => {
    expect(metricNamesIn('up == 0')).toEqual(new Set(['up']));
    expect(metricNamesIn('max(gauge_a) > 100 and delta(max(gauge_b)[15m:1m]) > 1e3')).toEqual(new Set(['gauge_a', 'gauge_b']));
    expect(metricNamesIn('process_resident_memory_bytes{job=~"$job"}')).toEqual(new Set(['process_resident_memory_bytes']));
  });
});

describe('histogramBaseName', () => {
  it('names the histogram of its bucket, count and sum series and leaves other names alone', () => {
    expect(['x_seconds_bucket', 'x_seconds_count', 'x_seconds_sum'].map(histogramBaseName)).toEqual([
      'x_seconds',
      'x_seconds',
      'x_seconds',
    ]);
    expect(histogramBaseName('process_cpu_seconds_total')).toBe('process_cpu_seconds_total');
  });
});
