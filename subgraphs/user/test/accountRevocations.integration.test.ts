// When the User service announces that an account's tokens are revoked, on its own database: only
// once the old tokens are refused (a router that hears of it and asks CheckToken is told REVOKED),
// only when something was revoked, and never at the cost of the user's request when Redis is away.
import { randomBytes } from 'node:crypto';
import { verifyUserToken, type Caller } from '@ledgerline/identity';
import type { AccountRevocation } from '@ledgerline/proto';
import { createLogger, DomainError, serviceMetrics } from '@ledgerline/service-runtime';
import { describe, expect, it, vi } from 'vitest';
import { freePort } from '../../../test/support/freePort.js';
import { userDatabase } from '../../../test/support/serviceDatabases.js';
import { rejectionOf } from '../../../test/support/thrown.js';
import { deleteAccount } from '../src/accountDeletion.js';
import { accountRevocations, type AccountRevocationAnnouncer } from '../src/accountRevocations.js';
import { registerAccount, signOutEverywhere } from '../src/accounts.js';
import { financeRecordErasure } from '../src/financeErasure.js';
import { tokenStatusOf, type TokenStatus } from '../src/tokenChecks.js';
import { markDeletionRequested } from '../src/userTable.js';

const tokens = { secret: randomBytes(32).toString('hex'), ttlSeconds: 600 };
const log = createLogger('account-revocations-test', 'silent');

async function newSession() {
  const suffix = randomBytes(5).toString('hex');
  const password = `pw-${suffix}-long-enough`;
  const session = await registerAccount(userDatabase(), tokens, { username: `rv_${suffix}`, email: `rv_${suffix}@example.test`, password });
  return { ...session, password, caller: verifyUserToken(session.token, tokens.secret) };
}

/** Keeps each announced revocation with what its account said, at that moment, of the token `caller` held. */
function announcerWatching(caller: Caller) {
  const heard: Promise<AccountRevocation & { oldToken: TokenStatus }>[] = [];
  const announcer: AccountRevocationAnnouncer = {
    announce: (revocation) => heard.push(tokenStatusOf(userDatabase(), caller).then((oldToken) => ({ ...revocation, oldToken }))),
  };
  return { announcer, heard: () => Promise.all(heard) };
}

/** Finance's erasure client, aimed where nothing listens: a deletion stops at PENDING, its tokens already refused. */
async function financeDown() {
  return financeRecordErasure(
    `127.0.0.1:${await freePort()}`,
    { name: 'ledgerline-user', secret: tokens.secret },
    serviceMetrics().grpcCalls,
  );
}

describe('announcing account revocations', () => {
  it('announces an account signed out everywhere once its old tokens are refused, and opens a live session for this device', async () => {
    const session = await newSession();
    const { announcer, heard } = announcerWatching(session.caller);

    const renewed = await signOutEverywhere(userDatabase(), tokens, announcer, session.user.id);

    expect(await heard()).toEqual([{ userId: session.user.id, sessionId: null, oldToken: 'revoked' }]);
    expect(renewed.user.accountKey).not.toBe(session.user.accountKey);
    const claims = verifyUserToken(renewed.token, tokens.secret);
    expect(await tokenStatusOf(userDatabase(), claims)).toBe('active');
  });

  it('announces an account whose deletion began once its tokens are refused, even while Finance is unreachable', async () => {
    const session = await newSession();
    const { announcer, heard } = announcerWatching(session.caller);
    const erasure = await financeDown();
    try {
      const status = await deleteAccount(userDatabase(), erasure, announcer, log, {
        userId: session.user.id,
        password: session.password,
        deadline: null,
      });
      expect(status).toBe('PENDING');
    } finally {
      erasure.close();
    }
    expect(await heard()).toEqual([{ userId: session.user.id, sessionId: null, oldToken: 'revoked' }]);
  });

  it('announces nothing for a deletion refused for its password, nor for signing out an account already being deleted', async () => {
    const session = await newSession();
    const { announcer, heard } = announcerWatching(session.caller);
    const erasure = await financeDown();
    try {
      const wrongPassword = deleteAccount(userDatabase(), erasure, announcer, log, {
        userId: session.user.id,
        password: 'not the password',
        deadline: null,
      });
      expect((await rejectionOf(wrongPassword, DomainError)).code).toBe('INVALID_CREDENTIALS');
    } finally {
      erasure.close();
    }
    await markDeletionRequested(userDatabase(), session.user.id);
    const refused = await rejectionOf(signOutEverywhere(userDatabase(), tokens, announcer, session.user.id), DomainError);
    expect(refused.code).toBe('UNAUTHENTICATED');
    expect(await heard()).toEqual([]);
  });

  it("tells this process's followers and signs out even when Redis cannot be reached, logging the publish that failed", async () => {
    const warn = vi.spyOn(log, 'warn');
    const revocations = accountRevocations(`redis://127.0.0.1:${await freePort()}`, 'ledgerline-test:', log);
    const followed: number[] = [];
    revocations.follow(({ userId }) => followed.push(userId));
    try {
      const session = await newSession();
      await signOutEverywhere(userDatabase(), tokens, revocations, session.user.id);
      expect(followed).toEqual([session.user.id]);
      await vi.waitFor(() =>
        expect(warn).toHaveBeenCalledWith(
          expect.objectContaining({ userId: session.user.id }),
          'account revocation not published on Redis; routers recheck tokens',
        ),
      );
    } finally {
      await revocations.close();
      warn.mockRestore();
    }
  });
});
