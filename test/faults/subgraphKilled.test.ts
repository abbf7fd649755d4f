// The Finance subgraph's process killed (SIGKILL) while clients read their dashboards, then started
// again by the test: meanwhile every answer still carries what the User subgraph knows, with a
// coded error where Finance's fields would be, the router stays ready, and full answers are back
// within 5 s of Finance's return.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startContinuousLoad } from '../support/continuousLoad.js';
import { recordFaultCounts } from '../support/faultCounts.js';
import { sendThrough, type RequestOutcome } from '../support/requestOutcomes.js';
import { routerAt } from '../support/routerAt.js';
import type { Member } from '../support/savingsGroupsThroughRouter.js';
import { startServiceProcesses, type ServiceProcesses } from '../support/serviceProcesses.js';

const DASHBOARD = '{ me { username incomes(limit: 5) { id } financialSummary { totalIncome } } }';
const READERS = 4;
const RECOVERY_LIMIT_MS = 5_000;

type Outcome = 'full' | 'partial' | 'failed';
interface Answer {
  at: number;
  outcome: Outcome;
}

let services: ServiceProcesses;

beforeAll(async () => {
  services = await startServiceProcesses(inject('databaseUrl'));
});

afterAll(async () => {
  await services?.stop();
});

/** Full: everything; partial: the profile, with SUBGRAPH_* errors exactly where Finance's fields are; failed: anything else. */
function outcomeOf(outcome: RequestOutcome, member: Member): Outcome {
  if (!outcome.answered) return 'failed';
  const { data, errors } = outcome.answer;
  const me = data?.['me'] as { username?: string; incomes?: unknown; financialSummary?: unknown } | null | undefined;
  if (outcome.status !== 200 || me?.username !== member.username) return 'failed';
  if (errors === undefined) return 'full';
  const onFinanceFields = (errors as { path?: unknown[]; extensions?: { code?: string } }[]).every(
    (error) => ['SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_TIMEOUT'].includes(error.extensions?.code ?? '') && error.path?.[0] === 'me',
  );
  return onFinanceFields && me.incomes === null && me.financialSummary === null ? 'partial' : 'failed';
}

describe('the Finance subgraph killed under load', { timeout: 90_000 }, () => {
  it('answers partially while it is gone and fully within 5 s of its return', async () => {
    const router = routerAt(services.routerOrigin);
    const members = await Promise.all(Array.from({ length: READERS }, () => router.register()));
    const answers: Answer[] = [];
    const load = startContinuousLoad(READERS, async (reader) => {
      const member = members[reader]!;
      answers.push({ at: Date.now(), outcome: outcomeOf(await sendThrough(router, { query: DASHBOARD }, member.token), member) });
    });

    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await services.kill('finance');
    const killedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const readyWhileDown = (await fetch(`${services.routerOrigin}/readyz`)).status;
    const restartedAt = Date.now();
    await services.restart('finance');
    const backAt = Date.now();
    // Finance may answer before its readiness probe says so: the first full answer after the restart began counts.
    const firstFullAnswer = () => answers.find((answer) => answer.at > restartedAt && answer.outcome === 'full')?.at;
    while (Date.now() - backAt < RECOVERY_LIMIT_MS && firstFullAnswer() === undefined) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const fullAgainAt = firstFullAnswer();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await load.stop();

    const failed = answers.filter((answer) => answer.outcome === 'failed');
    recordFaultCounts('finance-subgraph-killed', {
      faultsInjected: 1,
      requestsSent: answers.length,
      requestsFailed: failed.length,
      acknowledgedWritesLost: 0,
    });
    expect(readyWhileDown).toBe(200);
    expect(failed).toEqual([]);
    expect(
      answers.filter((answer) => answer.at > killedAt + 200 && answer.at < restartedAt).every((answer) => answer.outcome === 'partial'),
    ).toBe(true);
    expect(answers.some((answer) => answer.outcome === 'partial')).toBe(true);
    expect(fullAgainAt, 'no full answer within 5 s of Finance being back').toBeDefined();
    // Once one full answer came, every later one was full.
    expect(answers.filter((answer) => answer.at > (fullAgainAt ?? Infinity) + 100).every((answer) => answer.outcome === 'full')).toBe(true);
  });
});
