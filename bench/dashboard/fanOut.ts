// One round of live group-savings delivery (bench/groupSavingsFanOut), on the benchmark's router.
import { setUpBenchGroup } from '../groupSavingsFanOut/benchGroup.js';
import { runRound, type RoundResult } from '../groupSavingsFanOut/fanOutRound.js';
import { routerGauge } from '../groupSavingsFanOut/routerMemory.js';

const MEMBERS = 20;

export async function fanOutRound(
  routerOrigin: string,
  router: { pid: number | null; metricsUrl: string },
  subscribers: number,
  smoke: boolean,
  log: (message: string) => void,
): Promise<RoundResult> {
  const group = await setUpBenchGroup(`${routerOrigin}/graphql`, smoke ? 3 : MEMBERS);
  const gauge = routerGauge(router.metricsUrl, router.pid);
  const [events, intervalMs] = smoke ? [5, 200] : [20, 500];
  return runRound({ route: 'graphql', subscribers, events, batch: 200, intervalMs, routerOrigin, group, gauge, log });
}
