// Traces across the stack, as an operator sees them in their tracing backend: the three services
// export to an OTLP collector (the test's own), and one request's spans, from the router's edge
// through both subgraphs, their gRPC calls and PostgreSQL, form one tree under the caller's trace.
// A contribution's trace goes on through the outbox to the router's live delivery of the event.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newTraceParent, startOtlpCollector, type OtlpCollector, type ReceivedSpan } from '../support/otlpCollector.js';
import { routerAt, type RouterAt } from '../support/routerAt.js';
import { groupOf } from '../support/savingsGroupsThroughRouter.js';
import { startServiceProcesses, type ServiceProcesses } from '../support/serviceProcesses.js';
import { subscriptionClient, watch } from '../support/subscriptionClient.js';

const SERVICES = { router: 'ledgerline-router', user: 'ledgerline-user-subgraph', finance: 'ledgerline-finance-subgraph' };
const DASHBOARD = `query Dashboard($from: Date!, $to: Date!) {
  me { username incomes(from: $from, to: $to) { amount } expenses(from: $from, to: $to) { amount category } financialSummary(from: $from, to: $to) { net } }
}`;
const PROGRESS = `subscription Progress($groupId: ID!, $since: Int) {
  groupSavingsProgress(groupId: $groupId, since: $since) { sequence progress { total } }
}`;
const CONTRIBUTE = `mutation Contribute($g: ID!, $a: Money!) { contributeToGroup(groupId: $g, amount: $a) { sequence } }`;

let collector: OtlpCollector;
let services: ServiceProcesses;
let router: RouterAt;

beforeAll(async () => {
  collector = await startOtlpCollector();
  services = await startServiceProcesses(inject('databaseUrl'), {
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint, OTEL_BSP_SCHEDULE_DELAY: '100' },
  });
  router = routerAt(services.routerOrigin);
}, 90_000);

afterAll(async () => {
  await services?.stop();
  await collector?.close();
});

/** POSTs a GraphQL operation as a client that traces its own calls: with its traceparent. */
async function tracedOperation(query: string, variables: Record<string, unknown>, token: string, traceParent: string) {
  const response = await fetch(`${services.routerOrigin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, traceparent: traceParent },
    body: JSON.stringify({ query, variables }),
  });
  const answer = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  expect(answer.errors).toBeUndefined();
  return answer.data;
}

const servicesOf = (spans: ReceivedSpan[]) => new Set(spans.map((span) => span.service));
const isStatement = (span: ReceivedSpan) => span.attributes['db.system.name'] === 'postgresql';

/** Every span hangs from another of the trace, or from the caller's own span: one tree, no orphan. */
function expectOneTree(spans: ReceivedSpan[], callerSpanId: string): void {
  const ids = new Set([...spans.map((span) => span.spanId), callerSpanId]);
  expect(spans.filter((span) => !ids.has(span.parentSpanId)).map((span) => `${span.service} ${span.name}`)).toEqual([]);
}

describe('tracing across the stack', { timeout: 60_000 }, () => {
  it("puts one dashboard query's spans from the router, both subgraphs, gRPC and PostgreSQL in the caller's trace", async () => {
    const member = await router.register();
    const caller = newTraceParent();
    await tracedOperation(DASHBOARD, { from: '2026-10-01', to: '2026-10-31' }, member.token, caller.header);

    const spans = await collector.trace(caller.traceId, (sofar) => {
      // Complete once every span's parent has arrived too: each process exports in batches of its own.
      expectOneTree(sofar, caller.spanId);
      expect(servicesOf(sofar)).toEqual(new Set(Object.values(SERVICES)));
      expect(sofar.filter(isStatement).map((span) => span.service)).toEqual(expect.arrayContaining([SERVICES.user, SERVICES.finance]));
      expect(sofar.some((span) => span.service === SERVICES.user && span.name === 'ledgerline.user.v1.AccountService/CheckToken')).toBe(
        true,
      );
    });

    const edge = spans.find((span) => span.service === SERVICES.router && span.parentSpanId === caller.spanId);
    expect(edge).toMatchObject({ name: 'POST /graphql', kind: 2, attributes: { 'http.response.status_code': 200 } });
    // The router's calls to each subgraph, and each subgraph's answer to them.
    const subgraphAnswers = spans.filter((span) => span.service !== SERVICES.router && span.name === 'POST /graphql');
    expect(subgraphAnswers.map((span) => span.attributes['graphql.operation.type'])).toEqual(['query', 'query']);
    // The token check the router makes of the User service over gRPC, seen from both sides.
    const grpcCall = spans.find((span) => span.service === SERVICES.router && span.name === 'ledgerline.user.v1.AccountService/CheckToken');
    const grpcAnswer = spans.find((span) => span.service === SERVICES.user && span.name === 'ledgerline.user.v1.AccountService/CheckToken');
    expect(grpcAnswer).toMatchObject({ kind: 2, parentSpanId: grpcCall?.spanId, attributes: { 'rpc.grpc.status_code': 0 } });
    expect(spans.find((span) => span.service === SERVICES.finance && isStatement(span))?.attributes['db.query.text']).toMatch(/SELECT/i);
    expectOneTree(spans, caller.spanId);
  });

  it("carries a contribution's trace through the outbox to the router's live delivery of the event", async () => {
    const [owner, member] = await Promise.all([router.register(), router.register()]);
    const groupId = await groupOf(router, owner, [member]);
    const live = watch(services.routerOrigin, owner.token, PROGRESS, { groupId });
    await new Promise((resolve) => setTimeout(resolve, 300));

    const caller = newTraceParent();
    await tracedOperation(CONTRIBUTE, { g: groupId, a: '12.50' }, member.token, caller.header);
    const [event] = await live.received(1);
    expect(event?.data).toEqual({ groupSavingsProgress: { sequence: 1, progress: { total: '12.50' } } });

    const spans = await collector.trace(caller.traceId, (sofar) => {
      // Complete once every span's parent has arrived too: each process exports in batches of its own.
      expectOneTree(sofar, caller.spanId);
      expect(sofar.map((span) => span.name)).toEqual(
        expect.arrayContaining(['publish savings-group event', 'deliver savings-group event']),
      );
      // The delivery's read of the event, through the gateway to Finance, is part of the trace too.
      const delivery = sofar.find((span) => span.name === 'deliver savings-group event');
      expect(sofar.some((span) => span.service === SERVICES.router && span.parentSpanId === delivery?.spanId)).toBe(true);
    });
    const publish = spans.find((span) => span.name === 'publish savings-group event');
    const delivery = spans.find((span) => span.name === 'deliver savings-group event');
    expect(publish).toMatchObject({ service: SERVICES.finance, kind: 4 });
    expect(delivery).toMatchObject({ service: SERVICES.router, kind: 5, attributes: { 'ledgerline.group_event.sequence': 1 } });
    expectOneTree(spans, caller.spanId);
    await live.stop();
  });

  it("continues a subscriber's trace over the WebSocket: the subscription's start and its catch-up read through to Finance", async () => {
    const [owner, member] = await Promise.all([router.register(), router.register()]);
    const groupId = await groupOf(router, owner, [member]);
    await tracedOperation(CONTRIBUTE, { g: groupId, a: '5.00' }, member.token, newTraceParent().header);

    const caller = newTraceParent();
    const client = subscriptionClient(services.routerOrigin, owner.token);
    const received: unknown[] = [];
    const stop = client.subscribe(
      { query: PROGRESS, variables: { groupId, since: 0 }, extensions: { traceparent: caller.header } },
      { next: (result) => void received.push(result.data), error: () => {}, complete: () => {} },
    );
    await expect
      .poll(() => received, { timeout: 10_000 })
      .toEqual([{ groupSavingsProgress: { sequence: 1, progress: { total: '5.00' } } }]);

    // The router's subscription span ends after the catch-up read it parents, so it may reach the collector in a
    // later batch than Finance's span: wait for both.
    const spans = await collector.trace(caller.traceId, (sofar) => {
      // Complete once every span's parent has arrived too: each process exports in batches of its own.
      expectOneTree(sofar, caller.spanId);
      expect(sofar.some((span) => span.service === SERVICES.finance && span.name === 'POST /graphql')).toBe(true);
      expect(sofar.some((span) => span.parentSpanId === caller.spanId)).toBe(true);
    });
    const start = spans.find((span) => span.parentSpanId === caller.spanId);
    expect(start).toMatchObject({
      service: SERVICES.router,
      name: 'subscription Progress',
      kind: 2,
      attributes: { 'network.protocol.name': 'websocket', 'http.route': '/graphql' },
    });
    expectOneTree(spans, caller.spanId);
    stop();
    await client.dispose();
  });
});
