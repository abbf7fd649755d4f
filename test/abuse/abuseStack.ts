// The stack the abuse suite attacks: both subgraphs and the router in-process on real sockets,
// the run's PostgreSQL and, when one answers, Redis; and users with records of every kind.
import { redisForTests } from '../support/redisForTests.js';
import { startRouterInFrontOf, type InProcessRouter } from '../support/routerInProcess.js';
import { callRouter, type Member } from '../support/savingsGroupsThroughRouter.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../support/subgraphsInProcess.js';

export interface AbuseStack {
  router: InProcessRouter;
  subgraphs: InProcessSubgraphs;
  stop(): Promise<void>;
}

export async function startAbuseStack(): Promise<AbuseStack> {
  const redisUrl = (await redisForTests()) ?? undefined;
  const subgraphs = await startSubgraphsInProcess(redisUrl === undefined ? {} : { redisUrl });
  const router = await startRouterInFrontOf(subgraphs, {
    ...(redisUrl === undefined ? {} : { redisUrl }),
    // abuseClient.ts sends every request from an X-Forwarded-For address of its own.
    environment: { TRUST_PROXY_HOPS: '1' },
  });
  return {
    router,
    subgraphs,
    async stop() {
      await router.stop();
      await subgraphs.stop();
    },
  };
}

/** The ids of one of each record a user can own. */
export interface OwnRecords {
  incomeId: string;
  expenseId: string;
  savingsGoalId: string;
  /** A savings group the user owns and is the only member of. */
  groupId: string;
  inviteCode: string;
}

export type UserWithRecords = Member & OwnRecords;

// The group's target is the largest amount there is, so no accepted contribution closes it.
const ADD_RECORDS = `mutation {
  addIncome(amount: "4200.00", source: "Salary", date: "2026-11-01") { id }
  addExpense(amount: "42.00", category: "Groceries", date: "2026-11-02") { id }
  createSavingsGoal(goal: "1000.00", targetDate: "2099-01-01") { id }
  createSavingsGroup(name: "Holiday", targetAmount: "999999999999.99", deadline: "2099-12-31") { id inviteCode }
}`;

/** New records of every kind for `member`, through the router as a client adds them. */
export async function addRecordsOf(router: InProcessRouter, member: Member): Promise<OwnRecords> {
  const added = await callRouter(router, ADD_RECORDS, {}, member.token);
  return {
    incomeId: added['addIncome'].id,
    expenseId: added['addExpense'].id,
    savingsGoalId: added['createSavingsGoal'].id,
    groupId: added['createSavingsGroup'].id,
    inviteCode: added['createSavingsGroup'].inviteCode,
  };
}

export async function userWithRecords(router: InProcessRouter): Promise<UserWithRecords> {
  const member = await router.register();
  return { ...member, ...(await addRecordsOf(router, member)) };
}
