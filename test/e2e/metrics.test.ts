// What an operator's Prometheus reads from each service's metrics port after a short session of
// real use: a query, a REST call, a contribution followed live, and the gRPC calls they make. The
// metrics ports answer /metrics and nothing else, and the router's public port does not show them.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rest, routerOrigin } from '../support/restClient.js';
import { routerAt } from '../support/routerAt.js';
import { contributeThrough, groupOf, type Member } from '../support/savingsGroupsThroughRouter.js';
import { METRIC_CATALOG, PROCESS_METRICS } from '../support/metricCatalog.js';
import { metricNamesReferenced } from '../support/observabilityFiles.js';
import { sampleValue, scrapeMetrics, type ScrapedMetrics } from '../support/scrapedMetrics.js';
import { watch, type Watch } from '../support/subscriptionClient.js';

const PROGRESS = `subscription($groupId: ID!, $since: Int) {
  groupSavingsProgress(groupId: $groupId, since: $since) { sequence progress { total } }
}`;

const ACCOUNT_SERVICE = 'ledgerline.user.v1.AccountService';
const checkTokenOk = { service: ACCOUNT_SERVICE, method: 'CheckToken', code: 'OK' };

type Service = keyof typeof METRIC_CATALOG;
const metricsUrl = (service: Service): string => inject(`${service}MetricsUrl`);
const scrapeAll = async (): Promise<Record<Service, ScrapedMetrics>> => ({
  router: await scrapeMetrics(metricsUrl('router')),
  user: await scrapeMetrics(metricsUrl('user')),
  finance: await scrapeMetrics(metricsUrl('finance')),
});

describe('metrics', () => {
  const router = routerAt(routerOrigin());
  let before: Record<Service, ScrapedMetrics>;
  let after: Record<Service, ScrapedMetrics>;
  /** While the subscriber still follows its group. */
  let following: ScrapedMetrics;
  let member: Member;
  let watching: Watch | undefined;

  beforeAll(async () => {
    member = await router.register();
    before = await scrapeAll();
    const me = await router.graphql('query MetricsProbe { me { username } }', {}, member.token);
    expect(me.errors).toBeUndefined();
    expect((await rest('GET', `/user/${member.userId}`, { token: member.token })).status).toBe(200);
    expect((await fetch(`${routerOrigin()}/no-such-route/${member.userId}`)).status).toBe(404);
    const groupId = await groupOf(router, member, []);
    watching = watch(router.origin, member.token, PROGRESS, { groupId, since: 0 });
    await contributeThrough(router, member, groupId, '12.50');
    await watching.received(1);
    following = await scrapeMetrics(metricsUrl('router'));
    after = await scrapeAll();
  });

  afterAll(async () => {
    await watching?.stop();
  });

  /** How much a counter (or a histogram's _count) moved over the scenario. */
  const moved = (service: Service, name: string, labels: Record<string, string>) =>
    sampleValue(after[service], name, labels) - sampleValue(before[service], name, labels);

  it.each(Object.keys(METRIC_CATALOG) as Service[])('exposes the catalog and the process metrics on the %s metrics port', (service) => {
    const declared = [...after[service].families.keys()];
    expect(declared).toEqual(expect.arrayContaining([...METRIC_CATALOG[service], ...PROCESS_METRICS]));
  });

  it("times the router's operations by name, its REST routes by template and its subgraph calls", () => {
    const probe = { operation_name: 'MetricsProbe', operation_type: 'query', outcome: 'ok' };
    expect(moved('router', 'ledgerline_router_operation_duration_seconds_count', probe)).toBe(1);
    const profile = { method: 'GET', route: '/user/:id', status: '200' };
    // Other test files may read profiles meanwhile: at least this one.
    expect(moved('router', 'ledgerline_router_rest_request_duration_seconds_count', profile)).toBeGreaterThan(0);
    const unmatched = { method: 'GET', route: 'unmatched', status: '404' };
    expect(moved('router', 'ledgerline_router_rest_request_duration_seconds_count', unmatched)).toBeGreaterThan(0);
    for (const subgraph of ['user', 'finance']) {
      expect(moved('router', 'ledgerline_router_subgraph_request_duration_seconds_count', { subgraph, outcome: 'ok' })).toBeGreaterThan(0);
    }
    // Labels never carry the raw path, with its user id.
    const routes = after.router.samples.flatMap((sample) => (sample.labels['route'] === undefined ? [] : [sample.labels['route']]));
    expect(routes.filter((route) => route.includes(member.userId))).toEqual([]);
  });

  it('counts the token checks at the edge and the gRPC calls on both sides, by status', () => {
    expect(moved('router', 'ledgerline_router_token_liveness_lookups_total', { result: 'miss' })).toBeGreaterThan(0);
    expect(moved('router', 'ledgerline_grpc_client_call_duration_seconds_count', checkTokenOk)).toBeGreaterThan(0);
    expect(moved('finance', 'ledgerline_grpc_client_call_duration_seconds_count', checkTokenOk)).toBeGreaterThan(0);
    expect(moved('user', 'ledgerline_grpc_server_call_duration_seconds_count', checkTokenOk)).toBeGreaterThan(0);
  });

  it("times the subgraphs' operations and counts the live subscriber, the delivery and the outbox", () => {
    expect(
      moved('user', 'ledgerline_subgraph_operation_duration_seconds_count', { operation_type: 'query', outcome: 'ok' }),
    ).toBeGreaterThan(0);
    const financeWrites = { operation_type: 'mutation', outcome: 'ok' };
    expect(moved('finance', 'ledgerline_subgraph_operation_duration_seconds_count', financeWrites)).toBeGreaterThan(0);
    expect(sampleValue(following, 'ledgerline_router_websocket_connections', { route: 'graphql' })).toBeGreaterThan(0);
    expect(sampleValue(following, 'ledgerline_router_group_subscriptions', { route: 'graphql' })).toBeGreaterThan(0);
    expect(moved('router', 'ledgerline_router_group_event_deliveries_total', { route: 'graphql' })).toBeGreaterThan(0);
    expect(moved('finance', 'ledgerline_finance_outbox_published_total', {})).toBeGreaterThan(0);
    // Read from the table at the scrape: the contribution was published, so nothing waits long.
    expect(
      after.finance.samples.find((sample) => sample.name === 'ledgerline_finance_outbox_backlog_events')?.value,
    ).toBeGreaterThanOrEqual(0);
    expect(sampleValue(after.finance, 'ledgerline_finance_outbox_oldest_unpublished_age_seconds')).toBeLessThan(60);
  });

  it('declares every metric the Grafana dashboard and the alert rules read', async () => {
    const declared = new Set((Object.keys(METRIC_CATALOG) as Service[]).flatMap((service) => [...after[service].families.keys()]));
    const referenced = await metricNamesReferenced({ histograms: 'base' });
    expect(referenced.size).toBeGreaterThan(20);
    expect([...referenced].filter((name) => !declared.has(name))).toEqual([]);
  });

  it("keeps the metrics off the router's public port", async () => {
    expect((await fetch(`${routerOrigin()}/metrics`)).status).toBe(404);
  });

  it.each(Object.keys(METRIC_CATALOG) as Service[])('answers nothing but GET /metrics on the %s metrics port', async (service) => {
    const origin = new URL(metricsUrl(service)).origin;
    const answers = await Promise.all([
      fetch(`${origin}/`),
      fetch(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }),
      fetch(`${origin}/readyz`),
      fetch(`${origin}/metrics`, { method: 'POST' }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404]);
    expect((await fetch(`${origin}/metrics`)).status).toBe(200);
  });
});
