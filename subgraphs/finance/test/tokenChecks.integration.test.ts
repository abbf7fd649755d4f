// Finance's check of a caller's token with the User service, over a real gRPC socket: how fresh
// the answer is for reads and for writes, what the caller sees when the User service is away,
// and how an insert that races an account deletion is taken back.
import { randomBytes, randomUUID } from 'node:crypto';
import { createLogger, DomainError, serviceMetrics, type GrpcServer } from '@ledgerline/service-runtime';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newAccount } from '../../../test/support/accounts.js';
import { freePort } from '../../../test/support/freePort.js';
import { rejectionOf } from '../../../test/support/thrown.js';
import { userGrpcServer } from '../../user/src/server.js';
import { markDeletionRequested } from '../../user/src/userTable.js';
import { financeDatabase, userDatabase } from '../../../test/support/serviceDatabases.js';
import { incomes } from '../src/incomes.js';
import { insertAsLiveOwner } from '../src/liveOwnerWrites.js';
import { addOwnedRecord, deleteOwnedRecord } from '../src/ownedRecords.js';
import { userServiceTokenChecks, type TokenChecks } from '@ledgerline/service-runtime';

const CACHE_MS = 1_000;
const secret = randomBytes(32).toString('hex');
const log = createLogger('token-checks-test', 'silent');
let port: number;
let userServer: GrpcServer;
let checks: TokenChecks;

const startUserServer = async () => {
  userServer = userGrpcServer(
    { serviceSigningSecret: secret } as Parameters<typeof userGrpcServer>[0],
    userDatabase(),
    log,
    serviceMetrics().grpcCalls,
  );
  await userServer.listen('127.0.0.1', port);
};

beforeAll(async () => {
  port = await freePort();
  await startUserServer();
  checks = userServiceTokenChecks(`127.0.0.1:${port}`, { name: 'ledgerline-finance', secret }, CACHE_MS, serviceMetrics().grpcCalls);
});

afterAll(async () => {
  checks.close();
  await userServer.drain(0, 1_000);
});

async function liveCaller() {
  const user = await newAccount();
  return { userId: user.id, accountKey: user.accountKey, sessionId: randomUUID() };
}

const refusal = (promise: Promise<unknown>) => rejectionOf(promise, DomainError);

describe('userServiceTokenChecks', () => {
  it('admits a live account’s token, and refuses a token whose key the account does not hold', async () => {
    const caller = await liveCaller();
    await expect(checks.assertLive(caller, 'fresh')).resolves.toBeUndefined();
    const stale = await refusal(checks.assertLive({ ...caller, accountKey: randomUUID() }, 'fresh'));
    expect(stale).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('session has ended') });
  });

  it('refuses a token for an id no account has, saying the account no longer exists', async () => {
    const refused = await refusal(checks.assertLive({ userId: 2_000_000_001, accountKey: randomUUID(), sessionId: randomUUID() }, 'fresh'));
    expect(refused).toMatchObject({ code: 'UNAUTHENTICATED', message: 'The account this token was issued for no longer exists' });
  });

  it('stops a write at once when the account starts being deleted, and a read within the cache time', async () => {
    const caller = await liveCaller();
    await checks.assertLive(caller, 'cached');
    await markDeletionRequested(userDatabase(), caller.userId);
    // A write asks afresh: refused immediately.
    expect((await refusal(checks.assertLive(caller, 'fresh'))).code).toBe('UNAUTHENTICATED');
    // That fresh answer is what later reads see, too.
    expect((await refusal(checks.assertLive(caller, 'cached'))).code).toBe('UNAUTHENTICATED');
  });

  it('spares a read the call while its answer is fresh, and relies on no answer older than the cache time', async () => {
    const caller = await liveCaller();
    await checks.assertLive(caller, 'cached');
    await markDeletionRequested(userDatabase(), caller.userId);
    const revokedAt = Date.now();
    // Answered from the cache: the User service, which would refuse, was not asked.
    await expect(checks.assertLive(caller, 'cached')).resolves.toBeUndefined();
    await vi.waitFor(() => refusal(checks.assertLive(caller, 'cached')), { timeout: 5_000, interval: 50 });
    // "A few seconds" at most, with room for a slow machine; never an unbounded cache.
    expect(Date.now() - revokedAt).toBeLessThan(CACHE_MS + 2_000);
  });

  it('answers SERVICE_UNAVAILABLE while the User service is down, and admits again once it is back', async () => {
    const caller = await liveCaller();
    await userServer.drain(0, 1_000);
    try {
      const unavailable = await refusal(checks.assertLive(caller, 'fresh'));
      expect(unavailable).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('user service') });
    } finally {
      await startUserServer();
    }
    await vi.waitFor(() => checks.assertLive(caller, 'fresh'), { timeout: 10_000, interval: 100 });
  });
});

describe('insertAsLiveOwner', () => {
  const income = { amount: '12.00', source: 'Tips', date: '2026-11-20' };
  const incomesOf = (userId: number) => financeDatabase().income.count({ where: { userId } });

  it('keeps a row added while the account is live', async () => {
    const caller = await liveCaller();
    const insert = () => addOwnedRecord(financeDatabase(), incomes, caller.userId, income);
    const takeBack = (row: { id: number }) => deleteOwnedRecord(financeDatabase(), incomes, caller.userId, row.id);
    await insertAsLiveOwner(checks, caller, insert, takeBack);
    expect(await incomesOf(caller.userId)).toBe(1);
  });

  it('takes back and refuses a row whose account started being deleted while it was written, which the erasure could have missed', async () => {
    const caller = await liveCaller();
    const insertWhileDeletionStarts = async () => {
      const row = await addOwnedRecord(financeDatabase(), incomes, caller.userId, income);
      await markDeletionRequested(userDatabase(), caller.userId);
      return row;
    };
    const takeBack = (row: { id: number }) => deleteOwnedRecord(financeDatabase(), incomes, caller.userId, row.id);
    const refused = await refusal(insertAsLiveOwner(checks, caller, insertWhileDeletionStarts, takeBack));
    expect(refused.code).toBe('UNAUTHENTICATED');
    expect(await incomesOf(caller.userId)).toBe(0);
  });
});
