// What a correct answer is for each target: HTTP 200, no GraphQL errors, and the asking user's
// own data (their id and name, as many records as they have or the page holds, their totals), so
// a gateway that mixed users up or dropped a subgraph's part fails here and is never throughput.
import type { BenchLedger } from '../summaryCache/benchLedgers.js';
import type { Exchange } from './httpExchange.js';

/** What a checker returns: null for a correct answer, or the kind of failure to count. */
export type Verdict = string | null;

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

interface FinancePart {
  incomes?: unknown[];
  expenses?: unknown[];
  financialSummary?: { totalIncome: string; totalExpenses: string } | null;
}

interface UserPart {
  id?: string;
  username?: string;
}

/** The data of a 200 GraphQL answer without errors, or the failure. */
function graphqlData(answer: Exchange): { data: Record<string, unknown> } | { failure: string } {
  if ('failure' in answer) return answer;
  if (answer.status !== 200) return { failure: `HTTP ${answer.status}` };
  let body: GraphQLBody;
  try {
    body = JSON.parse(answer.text) as GraphQLBody;
  } catch {
    return { failure: 'not JSON' };
  }
  const [error] = body.errors ?? [];
  if (error !== undefined) return { failure: `error ${error.extensions?.code ?? error.message}` };
  return body.data ? { data: body.data } : { failure: 'no data' };
}

export function userPartVerdict(part: UserPart | null | undefined, ledger: BenchLedger): Verdict {
  if (!part) return 'no user';
  if (part.id !== ledger.userId) return "another user's data";
  return part.username === ledger.username ? null : 'wrong username';
}

export function financePartVerdict(part: FinancePart | null | undefined, ledger: BenchLedger, expectedRows: number): Verdict {
  if (!part?.financialSummary) return 'no financialSummary';
  if (part.incomes?.length !== expectedRows || part.expenses?.length !== expectedRows) return 'wrong number of records';
  const { totalIncome, totalExpenses } = part.financialSummary;
  return totalIncome === ledger.totalIncome && totalExpenses === ledger.totalExpenses ? null : 'wrong totals';
}

/** The dashboard through a gateway: the user's part and the finance part on `me`. */
export function dashboardVerdict(answer: Exchange, ledger: BenchLedger, expectedRows: number): Verdict {
  const result = graphqlData(answer);
  if ('failure' in result) return result.failure;
  const me = result.data['me'] as (UserPart & FinancePart) | null | undefined;
  return userPartVerdict(me, ledger) ?? financePartVerdict(me, ledger, expectedRows);
}

export function userSubgraphVerdict(answer: Exchange, ledger: BenchLedger): Verdict {
  const result = graphqlData(answer);
  return 'failure' in result ? result.failure : userPartVerdict(result.data['me'] as UserPart | null, ledger);
}

export function financeSubgraphVerdict(answer: Exchange, ledger: BenchLedger, expectedRows: number): Verdict {
  const result = graphqlData(answer);
  if ('failure' in result) return result.failure;
  const [entity] = (result.data['_entities'] as FinancePart[] | null | undefined) ?? [];
  return financePartVerdict(entity, ledger, expectedRows);
}

/** GraphQL's page of incomes (the REST route's operation): every one of the user's. */
export function incomesVerdict(answer: Exchange, records: number): Verdict {
  const result = graphqlData(answer);
  if ('failure' in result) return result.failure;
  const user = result.data['user'] as { incomes?: unknown[] } | null | undefined;
  return user?.incomes?.length === records ? null : 'wrong number of incomes';
}

/** GET /income/{userId}: `{ incomes: [...] }` with every one of the user's. */
export function restIncomesVerdict(answer: Exchange, records: number): Verdict {
  if ('failure' in answer) return answer.failure;
  if (answer.status !== 200) return `HTTP ${answer.status}`;
  try {
    const body = JSON.parse(answer.text) as { incomes?: unknown[] };
    return body.incomes?.length === records ? null : 'wrong number of incomes';
  } catch {
    return 'not JSON';
  }
}
