// One request to each target, as a function of the user it is made as, with its verdict. Direct
// calls to a subgraph carry what the router would send: a router assertion for the caller in the
// user's token, a request id and the deadline headers.
import { randomUUID } from 'node:crypto';
import type { Agent } from 'node:http';
import { ROUTER_ASSERTION_HEADER, signRouterAssertion, verifyUserToken, type Caller } from '../../packages/identity/src/index.js';
import { DEADLINE_AT_HEADER, DEADLINE_HEADER, REQUEST_ID_HEADER } from '../../packages/service-runtime/src/index.js';
import { askForSummary } from '../summaryCache/summaryRequest.js';
import type { BenchLedger } from '../summaryCache/benchLedgers.js';
import {
  dashboardVerdict,
  financeSubgraphVerdict,
  incomesVerdict,
  restIncomesVerdict,
  userSubgraphVerdict,
  type Verdict,
} from './answerChecks.js';
import {
  DASHBOARD_LIMIT,
  DASHBOARD_QUERY,
  FINANCE_PART_QUERY,
  INCOMES_QUERY,
  REST_PAGE_SIZE,
  USER_PART_QUERY,
} from './dashboardQueries.js';
import { exchange, graphqlPost } from './httpExchange.js';
import type { LoadSetup, TargetName } from './loadPlan.js';

export type TargetRequest = (agent: Agent, ledger: BenchLedger) => Promise<Verdict>;

/** The router's SUBGRAPH_TIMEOUT_MS default, sent as the time left as it would send it. */
const SUBGRAPH_CALL_MS = 10_000;

export function targetRequests(setup: LoadSetup): Record<TargetName, TargetRequest> {
  const expectedRows = Math.min(DASHBOARD_LIMIT, setup.records);
  const bearer = (ledger: BenchLedger) => ({ authorization: `Bearer ${ledger.token}` });
  const callers = new Map<string, Caller>();
  // The token is verified once per user (the router verifies it per request: that is its cost, not the limit's).
  const callerOf = (ledger: BenchLedger) => {
    const known = callers.get(ledger.userId) ?? verifyUserToken(ledger.token, setup.secrets.jwt);
    callers.set(ledger.userId, known);
    return known;
  };
  const asRouter = (ledger: BenchLedger) => {
    const requestId = randomUUID();
    return {
      [ROUTER_ASSERTION_HEADER]: signRouterAssertion({ caller: callerOf(ledger), requestId }, setup.secrets.routerSigning),
      [REQUEST_ID_HEADER]: requestId,
      [DEADLINE_HEADER]: String(SUBGRAPH_CALL_MS),
      [DEADLINE_AT_HEADER]: String(Date.now() + SUBGRAPH_CALL_MS),
    };
  };
  const graphqlAt = (origin: string) => new URL('/graphql', origin);
  const dashboardAt = (origin: string): TargetRequest => {
    const url = graphqlAt(origin);
    return async (agent, ledger) =>
      dashboardVerdict(
        await exchange(agent, url, graphqlPost(DASHBOARD_QUERY, { limit: DASHBOARD_LIMIT }, bearer(ledger))),
        ledger,
        expectedRows,
      );
  };
  const userUrl = new URL(setup.subgraphUrls.user);
  const financeUrl = new URL(setup.subgraphUrls.finance);
  const userPart: TargetRequest = async (agent, ledger) =>
    userSubgraphVerdict(await exchange(agent, userUrl, graphqlPost(USER_PART_QUERY, {}, asRouter(ledger))), ledger);
  const financePart: TargetRequest = async (agent, ledger) => {
    const variables = { representations: [{ __typename: 'User', id: ledger.userId }], limit: DASHBOARD_LIMIT };
    return financeSubgraphVerdict(
      await exchange(agent, financeUrl, graphqlPost(FINANCE_PART_QUERY, variables, asRouter(ledger))),
      ledger,
      expectedRows,
    );
  };
  const summaryAt = (origin: string): TargetRequest => {
    const url = graphqlAt(origin);
    return async (agent, ledger) => (await askForSummary(agent, url, ledger)).failure;
  };
  return {
    'user subgraph': userPart,
    'finance subgraph': financePart,
    'direct, one after the other': async (agent, ledger) => (await userPart(agent, ledger)) ?? financePart(agent, ledger),
    router: dashboardAt(setup.origins.router),
    'hive gateway': dashboardAt(setup.origins.hive),
    'REST GET /income/{id}': async (agent, ledger) =>
      restIncomesVerdict(
        await exchange(agent, new URL(`/income/${ledger.userId}`, setup.origins.router), { method: 'GET', headers: bearer(ledger) }),
        setup.records,
      ),
    'GraphQL RestIncomes': async (agent, ledger) => {
      const variables = { userId: ledger.userId, limit: REST_PAGE_SIZE, offset: 0 };
      return incomesVerdict(
        await exchange(agent, graphqlAt(setup.origins.router), graphqlPost(INCOMES_QUERY, variables, bearer(ledger))),
        setup.records,
      );
    },
    'summary, uncached router': summaryAt(setup.origins.router),
    'summary, cached router': summaryAt(setup.origins.cachedRouter),
  };
}
