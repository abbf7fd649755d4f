// observability/grafana/ledgerline.json: importable into any Grafana, and a panel for every metric
// of the catalog the services expose.
import { describe, expect, it } from 'vitest';
import { METRIC_CATALOG } from '../support/metricCatalog.js';
import { dashboardExpressions, readDashboard } from '../support/observabilityFiles.js';
import { histogramBaseName, metricNamesIn } from '../support/promqlMetricNames.js';

/** Every catalog metric, and the process metrics the Node panels read (the p99 lag and GC histogram, not the ones the e2e test lists). */
const catalog = [
  ...new Set(Object.values(METRIC_CATALOG).flat()),
  'process_cpu_seconds_total',
  'process_resident_memory_bytes',
  'nodejs_eventloop_lag_p99_seconds',
  'nodejs_heap_size_used_bytes',
  'nodejs_gc_duration_seconds',
];

const dashboard = await readDashboard();
const panels = dashboard.panels ?? [];
const queryPanels = panels.filter((panel) => panel.type !== 'row');
const expressions = await dashboardExpressions();

describe('the Grafana dashboard', () => {
  it('has what Grafana needs to import it: a title, a uid, a schema version and panels with unique ids', () => {
    expect(dashboard.title).toBe('Ledgerline');
    expect(dashboard.uid).toMatch(/^[\w-]{1,40}$/);
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    const ids = panels.map((panel) => panel.id);
    expect(ids.every((id) => Number.isInteger(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('asks for a Prometheus data source on import, and every panel, query and variable uses that one', () => {
    expect(dashboard.__inputs).toEqual([expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' })]);
    const input = { type: 'prometheus', uid: '${DS_PROMETHEUS}' };
    const references = [
      ...queryPanels.map((panel) => panel.datasource),
      ...queryPanels.flatMap((panel) => (panel.targets ?? []).map((target) => target.datasource)),
      ...(dashboard.templating?.list ?? []).map((variable) => variable.datasource),
    ];
    expect(references.filter((reference) => reference?.type !== input.type || reference.uid !== input.uid)).toEqual([]);
  });

  it('gives every panel queries, each with a PromQL expression and its own refId', () => {
    for (const panel of queryPanels) {
      const targets = panel.targets ?? [];
      expect(targets.length, panel.title).toBeGreaterThan(0);
      expect(
        targets.every((target) => (target.expr ?? '').trim() !== ''),
        panel.title,
      ).toBe(true);
      expect(new Set(targets.map((target) => target.refId)).size, panel.title).toBe(targets.length);
    }
  });

  it('shows every metric of the catalog', () => {
    const shown = new Set(expressions.flatMap((expression) => [...metricNamesIn(expression)].map(histogramBaseName)));
    expect(catalog.filter((name) => !shown.has(name))).toEqual([]);
  });

  it('reads histograms as histograms: quantiles of bucket rates grouped by le, never a quantile of counts', () => {
    const quantiles = expressions.filter((expression) => expression.includes('histogram_quantile('));
    expect(quantiles.length).toBeGreaterThan(0);
    for (const expression of quantiles) {
      expect(expression).toMatch(/histogram_quantile\([\d.]+, sum by \(([\w, ]+, )?le\) \(rate\(\w+_bucket[{[]/);
    }
    const bucketsOutsideQuantiles = expressions.filter(
      (expression) => expression.includes('_bucket') && !expression.includes('histogram_quantile('),
    );
    expect(bucketsOutsideQuantiles).toEqual([]);
  });
});
