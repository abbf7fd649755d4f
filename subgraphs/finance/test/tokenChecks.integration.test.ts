// Finance's check of a caller's token with the User service, over a real gRPC socket: how fresh
// the answer is for reads and for writes, and what the caller sees when the User service is away.
import { randomBytes, randomUUID } from 'node:crypto';
import { createLogger, DomainError, type GrpcServer } from '@ledgerline/service-runtime';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../../test/support/freePort.js';
import { userDatabase } from '../../../test/support/serviceDatabases.js';
import { rejectionOf } from '../../../test/support/thrown.js';
import { registerAccount } from '../../user/src/accounts.js';
import { userGrpcServer } from '../../user/src/server.js';
import { markDeletionRequested } from '../../user/src/userTable.js';
import { userServiceTokenChecks, type TokenChecks } from '../src/tokenChecks.js';

const CACHE_MS = 1_000;
const secret = randomBytes(32).toString('hex');
const log = createLogger('token-checks-test', 'silent');
let port: number;
let userServer: GrpcServer;
let checks: TokenChecks;

const startUserServer = async () => {
  userServer = userGrpcServer({ serviceSigningSecret: secret } as Parameters<typeof userGrpcServer>[0], userDatabase(), log);
  await userServer.listen('127.0.0.1', port);
};

beforeAll(async () => {
  port = await freePort();
  await startUserServer();
  checks = userServiceTokenChecks(`127.0.0.1:${port}`, { name: 'ledgerline-finance', secret }, CACHE_MS);
});

afterAll(async () => {
  checks.close();
  await userServer.drain(0, 1_000);
});

async function liveCaller() {
  const suffix = randomBytes(5).toString('hex');
  const { user } = await registerAccount(
    userDatabase(),
    { secret: randomBytes(32).toString('hex'), ttlSeconds: 600 },
    { username: `check_${suffix}`, email: `check_${suffix}@example.test`, password: 'long enough password' },
  );
  return { userId: user.id, accountKey: user.accountKey };
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
    const refused = await refusal(checks.assertLive({ userId: 2_000_000_001, accountKey: randomUUID() }, 'fresh'));
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
