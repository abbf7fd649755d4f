// The Finance service's gRPC API over a real socket, as the User service calls it while deleting
// an account: every record of the credential's user goes, nobody else's, and a retry is harmless.
import { randomBytes } from 'node:crypto';
import { Metadata, status } from '@grpc/grpc-js';
import {
  ACCOUNT_SERVICE,
  financeV1,
  RECORD_ERASURE_SERVICE,
  type EraseUserRecordsResponse__Output,
  type RecordErasureServiceClient,
} from '@ledgerline/proto';
import { createLogger, serviceMetrics, type GrpcServer } from '@ledgerline/service-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialMetadata, insecure, unaryCall } from '../../../test/support/grpcCalls.js';
import { financeDatabase, newUserId } from '../../../test/support/serviceDatabases.js';
import { expenses } from '../src/expenses.js';
import { incomes } from '../src/incomes.js';
import { addOwnedRecord } from '../src/ownedRecords.js';
import { savingsGoals } from '../src/savingsGoals.js';
import { contributeInTransaction } from '../src/groups/contributions.js';
import { localGroupEventFeed } from '../src/groups/groupEventPublishers.js';
import { createGroup, joinGroup, leaveGroup } from '../src/groups/savingsGroups.js';
import { financeGrpcServer } from '../src/server.js';

const secret = randomBytes(32).toString('hex');
let server: GrpcServer;
let client: RecordErasureServiceClient;

beforeAll(async () => {
  const config = { serviceSigningSecret: secret } as Parameters<typeof financeGrpcServer>[0];
  const events = { feed: localGroupEventFeed(), relay: { wake: () => undefined } };
  server = financeGrpcServer(config, financeDatabase(), events, createLogger('finance-grpc-test', 'silent'), serviceMetrics().grpcCalls);
  const port = await server.listen('127.0.0.1', 0);
  client = new financeV1.RecordErasureService(`127.0.0.1:${port}`, insecure());
});

afterAll(async () => {
  client.close();
  await server.drain(0, 1_000);
});

/** A user with two incomes, an expense, a savings goal and the answer kept for one idempotency key. */
async function userWithRecords(): Promise<number> {
  const userId = newUserId();
  const db = financeDatabase();
  await addOwnedRecord(db, incomes, userId, { amount: '2500.00', source: 'Salary', date: '2026-11-01' });
  await addOwnedRecord(db, incomes, userId, { amount: '100.00', source: 'Gift', date: '2026-11-02' });
  await addOwnedRecord(db, expenses, userId, { amount: '42.10', category: 'Groceries', date: '2026-11-03' });
  await addOwnedRecord(db, savingsGoals, userId, { goal: '5000.00', targetDate: '2027-06-30' });
  await db.idempotentWrite.create({ data: { userId, key: 'retry-1', fingerprint: '0'.repeat(64), result: { value: 1 } } });
  return userId;
}

async function recordsOf(userId: number) {
  const db = financeDatabase();
  const where = { where: { userId } };
  return {
    incomes: await db.income.count(where),
    expenses: await db.expense.count(where),
    savingsGoals: await db.savingsGoal.count(where),
    idempotencyKeys: await db.idempotentWrite.count(where),
  };
}

const erase = (metadata: Metadata) =>
  unaryCall<object, EraseUserRecordsResponse__Output>(client.eraseUserRecords.bind(client), {}, metadata);

describe('RecordErasureService.EraseUserRecords', () => {
  it("erases every record of the credential's user and says how many", async () => {
    const userId = await userWithRecords();
    const { response } = await erase(credentialMetadata(RECORD_ERASURE_SERVICE, secret, userId, 'ledgerline-user'));
    expect(response).toEqual({
      incomesErased: 2,
      expensesErased: 1,
      savingsGoalsErased: 1,
      savingsGroupsLeft: 0,
      groupContributionsAnonymised: 0,
    });
    expect(await recordsOf(userId)).toEqual({ incomes: 0, expenses: 0, savingsGoals: 0, idempotencyKeys: 0 });
  });

  it("leaves every other user's records alone", async () => {
    const [leaving, staying] = [await userWithRecords(), await userWithRecords()];
    await erase(credentialMetadata(RECORD_ERASURE_SERVICE, secret, leaving));
    expect(await recordsOf(staying)).toEqual({ incomes: 2, expenses: 1, savingsGoals: 1, idempotencyKeys: 1 });
  });

  it('succeeds again with zeros when the records are already gone, so a retry is harmless', async () => {
    const userId = await userWithRecords();
    await erase(credentialMetadata(RECORD_ERASURE_SERVICE, secret, userId));
    const retry = await erase(credentialMetadata(RECORD_ERASURE_SERVICE, secret, userId));
    expect(retry).toEqual({
      response: { incomesErased: 0, expensesErased: 0, savingsGoalsErased: 0, savingsGroupsLeft: 0, groupContributionsAnonymised: 0 },
    });
  });

  it("takes the user out of every group and anonymises their contributions, leaving each group's total as it was", async () => {
    const db = financeDatabase();
    const [userId, other, stranger] = [newUserId(), newUserId(), newUserId()];
    const newGroup = (ownerId: number) => createGroup(db, ownerId, { name: 'Holiday', targetAmount: '5000.00', deadline: '2099-12-31' });
    const contribute = (groupId: number, contributorId: number, amount: string, message?: string) =>
      db.$transaction((tx) => contributeInTransaction(tx, groupId, contributorId, { amount, message }));
    const [shared, alone, leftEarlier] = [await newGroup(userId), await newGroup(userId), await newGroup(stranger)];
    await joinGroup(db, other, shared.inviteCode);
    await joinGroup(db, userId, leftEarlier.inviteCode);
    await contribute(shared.id, userId, '100.00', 'From me');
    await contribute(shared.id, other, '50.00', 'From them');
    await contribute(shared.id, userId, '25.50');
    await contribute(alone.id, userId, '10.00');
    await contribute(leftEarlier.id, userId, '7.00', 'Bye');
    await leaveGroup(db, leftEarlier.id, userId);

    const { response } = await erase(credentialMetadata(RECORD_ERASURE_SERVICE, secret, userId));
    // Contributions to the group that went with its last member are deleted, not anonymised.
    expect(response).toEqual({
      incomesErased: 0,
      expensesErased: 0,
      savingsGoalsErased: 0,
      savingsGroupsLeft: 2,
      groupContributionsAnonymised: 3,
    });

    const sharedAfter = await db.savingsGroup.findUniqueOrThrow({ where: { id: shared.id }, include: { members: true } });
    expect({
      ownerId: sharedAfter.ownerId,
      members: sharedAfter.members.map((member) => member.userId),
      total: sharedAfter.total.toFixed(2),
    }).toEqual({
      ownerId: other,
      members: [other],
      total: '175.50',
    });
    const contributions = await db.groupContribution.findMany({
      where: { groupId: { in: [shared.id, leftEarlier.id] } },
      orderBy: { id: 'asc' },
    });
    expect(contributions.map(({ contributorId, amount, message }) => ({ contributorId, amount: amount.toFixed(2), message }))).toEqual([
      { contributorId: null, amount: '100.00', message: null },
      { contributorId: other, amount: '50.00', message: 'From them' },
      { contributorId: null, amount: '25.50', message: null },
      { contributorId: null, amount: '7.00', message: null },
    ]);
    expect(await db.savingsGroup.findUnique({ where: { id: alone.id } })).toBeNull();
    expect(await db.groupContribution.count({ where: { contributorId: userId } })).toBe(0);
  });

  it('refuses with INVALID_ARGUMENT a credential that names no user, erasing nothing', async () => {
    const { error } = await erase(credentialMetadata(RECORD_ERASURE_SERVICE, secret, null));
    expect(error?.code).toBe(status.INVALID_ARGUMENT);
    expect(error?.details).toBe('credential: must name the user whose records are erased');
  });

  it('refuses with UNAUTHENTICATED a caller without a credential, with a forged one, or with one for another service', async () => {
    const userId = await userWithRecords();
    const forged = credentialMetadata(RECORD_ERASURE_SERVICE, randomBytes(32).toString('hex'), userId);
    const elsewhere = credentialMetadata(ACCOUNT_SERVICE, secret, userId);
    for (const metadata of [new Metadata(), forged, elsewhere]) {
      const { error } = await erase(metadata);
      expect(error?.code).toBe(status.UNAUTHENTICATED);
    }
    expect(await recordsOf(userId)).toEqual({ incomes: 2, expenses: 1, savingsGoals: 1, idempotencyKeys: 1 });
  });
});
