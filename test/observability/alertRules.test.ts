// observability/prometheus/alerts.yml: every rule complete, every runbook link a heading of the
// README, and the alerts the issue asked for (subgraph errors, event lag, outbox backlog,
// throttle trips) watching the metrics that show them.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { headingAnchors } from '../support/markdownAnchors.js';
import { alertExpressions, readAlertRules } from '../support/observabilityFiles.js';
import { histogramBaseName, metricNamesIn } from '../support/promqlMetricNames.js';

const rules = await readAlertRules();

describe('the Prometheus alert rules', () => {
  it('each have a name, an expression, a duration, a severity, a summary and a runbook link', () => {
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.alert, JSON.stringify(rule)).toMatch(/^Ledgerline[A-Z]\w+$/);
      expect(rule.expr?.trim(), rule.alert).toBeTruthy();
      expect(rule.for, rule.alert).toMatch(/^\d+[smh]$/);
      expect(['critical', 'warning'], rule.alert).toContain(rule.labels?.['severity']);
      expect(rule.annotations?.['summary'], rule.alert).toBeTruthy();
      expect(rule.annotations?.['runbook_url'], rule.alert).toMatch(/^README\.md#runbook-[a-z-]+$/);
    }
    expect(new Set(rules.map((rule) => rule.alert)).size).toBe(rules.length);
  });

  it('link to runbook headings the README has', async () => {
    const anchors = headingAnchors(await readFile(new URL('../../README.md', import.meta.url), 'utf8'));
    const links = rules.map((rule) => rule.annotations?.['runbook_url']?.split('#')[1] ?? '');
    expect(links.filter((anchor) => !anchors.has(anchor))).toEqual([]);
  });

  it('watch subgraph errors, event delivery lag, the outbox backlog, throttle trips and targets that cannot be scraped', async () => {
    const watched = new Set((await alertExpressions()).flatMap((expression) => [...metricNamesIn(expression)].map(histogramBaseName)));
    const needed = [
      'ledgerline_router_subgraph_request_duration_seconds',
      'ledgerline_router_group_event_delivery_lag_seconds',
      'ledgerline_finance_outbox_oldest_unpublished_age_seconds',
      'ledgerline_finance_outbox_backlog_events',
      'ledgerline_router_login_throttle_refusals_total',
      'ledgerline_grpc_server_call_duration_seconds',
      'up',
    ];
    expect(needed.filter((name) => !watched.has(name))).toEqual([]);
  });
});
