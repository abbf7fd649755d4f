// One read of a user's financial summary through a router, over a kept-alive socket, and the
// verdict on its answer: only the user's own, correct summary counts as a success.
import { request, type Agent } from 'node:http';
import type { BenchLedger } from './benchLedgers.js';

export const SUMMARY_QUERY =
  'query Summary { me { id financialSummary { totalIncome totalExpenses net savingsRate expensesByCategory { category total } } } }';

/** The header the router sets outside production: hit, miss or bypass. */
const CACHE_HEADER = 'x-ledgerline-cache';
const REQUEST_TIMEOUT_MS = 30_000;
// The same bytes for every request: only the token differs.
const body = Buffer.from(JSON.stringify({ query: SUMMARY_QUERY }));

export interface SummaryOutcome {
  /** What was wrong with the answer (a kind to count), or null for a correct summary. */
  failure: string | null;
  /** The x-ledgerline-cache header's value; 'none' when the response had none, null when there was no response. */
  cacheHeader: string | null;
}

interface SummaryBody {
  data?: { me?: { id: string; financialSummary?: { totalIncome: string; totalExpenses: string } | null } | null } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

function failureOf(status: number, text: string, ledger: BenchLedger): string | null {
  if (status !== 200) return `HTTP ${status}`;
  let answer: SummaryBody;
  try {
    answer = JSON.parse(text) as SummaryBody;
  } catch {
    return 'not JSON';
  }
  const [error] = answer.errors ?? [];
  if (error !== undefined) return `error ${error.extensions?.code ?? error.message}`;
  const me = answer.data?.me;
  if (!me?.financialSummary) return 'no financialSummary';
  if (me.id !== ledger.userId) return "another user's summary";
  const { totalIncome, totalExpenses } = me.financialSummary;
  return totalIncome === ledger.totalIncome && totalExpenses === ledger.totalExpenses ? null : 'wrong totals';
}

/** Never rejects: a refused connection or a timeout is an outcome like any other. */
export function askForSummary(agent: Agent, graphqlUrl: URL, ledger: BenchLedger): Promise<SummaryOutcome> {
  return new Promise((resolve) => {
    const outgoing = request(graphqlUrl, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${ledger.token}` },
      timeout: REQUEST_TIMEOUT_MS,
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
    outgoing.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ failure: `no answer: ${error.code ?? error.message}`, cacheHeader: null }),
    );
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => resolve({ failure: `cut short: ${error.message}`, cacheHeader: null }));
      response.on('end', () => {
        const header = response.headers[CACHE_HEADER];
        resolve({
          failure: failureOf(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), ledger),
          cacheHeader: typeof header === 'string' ? header : 'none',
        });
      });
    });
    outgoing.end(body);
  });
}
