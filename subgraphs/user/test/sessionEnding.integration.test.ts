// Ending sessions on the User service's own database: logging out one session, changing the
// password (which ends every other), and sweeping logged-out sessions once their tokens expired.
import { randomBytes, randomUUID } from 'node:crypto';
import { verifyUserToken } from '@ledgerline/identity';
import type { AccountRevocation } from '@ledgerline/proto';
import { DomainError } from '@ledgerline/service-runtime';
import { describe, expect, it } from 'vitest';
import { userDatabase } from '../../../test/support/serviceDatabases.js';
import { rejectionOf } from '../../../test/support/thrown.js';
import type { AccountRevocationAnnouncer } from '../src/accountRevocations.js';
import { changePassword, logIn, logOut, registerAccount } from '../src/accounts.js';
import { insertRevokedSession } from '../src/revokedSessionTable.js';
import { sweepRevokedSessions } from '../src/revokedSessionSweep.js';
import { tokenStatusOf } from '../src/tokenChecks.js';

const tokens = { secret: randomBytes(32).toString('hex'), ttlSeconds: 600 };

/** An account signed in on two devices. */
async function signedInTwice() {
  const suffix = randomBytes(5).toString('hex');
  const credentials = { email: `se_${suffix}@example.test`, password: `pw-${suffix}-long-enough` };
  const first = await registerAccount(userDatabase(), tokens, { ...credentials, username: `se_${suffix}` });
  const second = await logIn(userDatabase(), tokens, credentials);
  return {
    ...credentials,
    userId: first.user.id,
    laptop: verifyUserToken(first.token, tokens.secret),
    phone: verifyUserToken(second.token, tokens.secret),
  };
}

function announcer() {
  const heard: AccountRevocation[] = [];
  const revocations: AccountRevocationAnnouncer = { announce: (revocation) => void heard.push(revocation) };
  return { revocations, heard };
}

const statusOf = (caller: Parameters<typeof tokenStatusOf>[1]) => tokenStatusOf(userDatabase(), caller);

describe('logging out', () => {
  it('gives each sign-in a session of its own', async () => {
    const account = await signedInTwice();
    expect(account.laptop.sessionId).not.toBe(account.phone.sessionId);
    expect(account.laptop.accountKey).toBe(account.phone.accountKey);
  });

  it('refuses the session logged out, keeps the account’s other session live, and announces that session alone', async () => {
    const account = await signedInTwice();
    const { revocations, heard } = announcer();

    const loggedOut = await logOut(userDatabase(), tokens, revocations, account.laptop);

    expect(loggedOut.userId).toBe(account.userId);
    expect(await statusOf(account.laptop)).toBe('revoked');
    expect(await statusOf(account.phone)).toBe('active');
    expect(heard).toEqual([{ userId: account.userId, sessionId: account.laptop.sessionId }]);
  });

  it('remembers the session until its tokens would have expired anyway', async () => {
    const account = await signedInTwice();
    const before = Date.now();
    await logOut(userDatabase(), tokens, announcer().revocations, account.laptop);
    const row = await userDatabase().revokedSession.findUniqueOrThrow({ where: { sessionId: account.laptop.sessionId } });
    expect(row.userId).toBe(account.userId);
    expect(row.expiresAt.getTime()).toBeGreaterThanOrEqual(before + tokens.ttlSeconds * 1000);
    expect(row.expiresAt.getTime()).toBeGreaterThanOrEqual(account.laptop.expiresAt.getTime());
  });

  it('takes a second logout of the same session (a retry) as the first', async () => {
    const account = await signedInTwice();
    await logOut(userDatabase(), tokens, announcer().revocations, account.laptop);
    await expect(logOut(userDatabase(), tokens, announcer().revocations, account.laptop)).resolves.toMatchObject({
      userId: account.userId,
    });
    expect(await statusOf(account.laptop)).toBe('revoked');
  });
});

describe('changing the password', () => {
  it('refuses a wrong current password, naming the field, and changes nothing', async () => {
    const account = await signedInTwice();
    const { revocations, heard } = announcer();
    const refused = await rejectionOf(
      changePassword(userDatabase(), tokens, revocations, account.userId, {
        currentPassword: 'not the password',
        newPassword: 'a new long password',
      }),
      DomainError,
    );
    expect(refused).toMatchObject({ code: 'INVALID_CREDENTIALS', details: { field: 'currentPassword' } });
    expect(await statusOf(account.phone)).toBe('active');
    await expect(logIn(userDatabase(), tokens, account)).resolves.toBeDefined();
    expect(heard).toEqual([]);
  });

  it.each([
    ['too short', 'short'],
    ['too long', 'x'.repeat(257)],
  ])('refuses a new password that is %s by the registration rules, naming newPassword', async (_case, newPassword) => {
    const account = await signedInTwice();
    const refused = await rejectionOf(
      changePassword(userDatabase(), tokens, announcer().revocations, account.userId, { currentPassword: account.password, newPassword }),
      DomainError,
    );
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'newPassword' } });
    expect(await statusOf(account.laptop)).toBe('active');
  });

  it('ends every session, answers a live token for this device, and signs in with the new password only', async () => {
    const account = await signedInTwice();
    const { revocations, heard } = announcer();
    const newPassword = `${account.password}-changed`;

    const session = await changePassword(userDatabase(), tokens, revocations, account.userId, {
      currentPassword: account.password,
      newPassword,
    });

    expect(await statusOf(account.laptop)).toBe('revoked');
    expect(await statusOf(account.phone)).toBe('revoked');
    expect(await statusOf(verifyUserToken(session.token, tokens.secret))).toBe('active');
    expect(heard).toEqual([{ userId: account.userId, sessionId: null }]);
    expect((await rejectionOf(logIn(userDatabase(), tokens, account), DomainError)).code).toBe('INVALID_CREDENTIALS');
    await expect(logIn(userDatabase(), tokens, { email: account.email, password: newPassword })).resolves.toBeDefined();
  });
});

describe('sweeping logged-out sessions', () => {
  it('removes the sessions whose tokens have expired and keeps the rest, which stay refused', async () => {
    const account = await signedInTwice();
    const expired = { sessionId: randomUUID(), userId: account.userId, expiresAt: new Date(Date.now() - 1_000) };
    const current = { sessionId: account.laptop.sessionId, userId: account.userId, expiresAt: new Date(Date.now() + 600_000) };
    await insertRevokedSession(userDatabase(), expired);
    await insertRevokedSession(userDatabase(), current);

    expect(await sweepRevokedSessions(userDatabase())).toBeGreaterThanOrEqual(1);

    const left = await userDatabase().revokedSession.findMany({ where: { userId: account.userId }, select: { sessionId: true } });
    expect(left).toEqual([{ sessionId: current.sessionId }]);
    expect(await statusOf(account.laptop)).toBe('revoked');
  });
});
