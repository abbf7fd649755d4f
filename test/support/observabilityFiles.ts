// The Grafana dashboard and the Prometheus alert rules in observability/, read as Grafana and
// Prometheus read them, and the metric names they need the services to expose.
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { histogramBaseName, metricNamesIn } from './promqlMetricNames.js';

const observabilityFolder = new URL('../../observability/', import.meta.url);
export const dashboardFile = new URL('grafana/ledgerline.json', observabilityFolder);
export const alertRulesFile = new URL('prometheus/alerts.yml', observabilityFolder);

export interface GrafanaDatasourceReference {
  type?: string;
  uid?: string;
}

export interface GrafanaPanel {
  id?: number;
  type?: string;
  title?: string;
  datasource?: GrafanaDatasourceReference;
  targets?: { refId?: string; expr?: string; datasource?: GrafanaDatasourceReference }[];
}

export interface GrafanaDashboard {
  uid?: string;
  title?: string;
  schemaVersion?: number;
  __inputs?: { name?: string; type?: string; pluginId?: string }[];
  panels?: GrafanaPanel[];
  templating?: { list?: { name?: string; datasource?: GrafanaDatasourceReference }[] };
}

export interface AlertRule {
  alert?: string;
  expr?: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** The dashboard as Grafana's import reads it; whether it has the fields Grafana needs is the tests' to check. */
export async function readDashboard(): Promise<GrafanaDashboard> {
  return JSON.parse(await readFile(dashboardFile, 'utf8')) as GrafanaDashboard;
}

export async function readAlertRules(): Promise<AlertRule[]> {
  const file = parseYaml(await readFile(alertRulesFile, 'utf8')) as { groups?: { rules?: AlertRule[] }[] };
  return (file.groups ?? []).flatMap((group) => group.rules ?? []);
}

export async function dashboardExpressions(): Promise<string[]> {
  const panels = (await readDashboard()).panels ?? [];
  return panels.flatMap((panel) => (panel.targets ?? []).flatMap((target) => (target.expr === undefined ? [] : [target.expr])));
}

export async function alertExpressions(): Promise<string[]> {
  return (await readAlertRules()).flatMap((rule) => (rule.expr === undefined ? [] : [rule.expr]));
}

// Prometheus makes `up` itself, for every target it scrapes: no service exposes it.
const madeByPrometheus = new Set(['up']);

/**
 * Every metric the dashboard's panels and the alert rules read that a service must expose. With
 * `histograms: 'base'`, a histogram's _bucket, _count and _sum series count as the histogram's
 * own name (the name on its `# TYPE` line); by default, names are as the expressions write them.
 */
export async function metricNamesReferenced(options: { histograms?: 'series' | 'base' } = {}): Promise<Set<string>> {
  const expressions = [...(await dashboardExpressions()), ...(await alertExpressions())];
  const names = expressions.flatMap((expression) => [...metricNamesIn(expression)]).filter((name) => !madeByPrometheus.has(name));
  return new Set(options.histograms === 'base' ? names.map(histogramBaseName) : names);
}
