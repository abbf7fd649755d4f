// Registration and login on the User service's own database.
import { randomBytes } from 'node:crypto';
import { verifyUserToken } from '@ledgerline/identity';
import { DomainError } from '@ledgerline/service-runtime';
import { describe, expect, it } from 'vitest';
import { userDatabase } from '../../../test/support/serviceDatabases.js';
import { rejectionOf } from '../../../test/support/thrown.js';
import { findUser, logIn, registerAccount } from '../src/accounts.js';

const tokens = { secret: randomBytes(32).toString('hex'), ttlSeconds: 600 };

function newAccount() {
  const suffix = randomBytes(5).toString('hex');
  return { username: `ada_${suffix}`, email: `Ada.${suffix}@Example.test`, password: `pw-${suffix}-long-enough` };
}

const refusalOf = (promise: Promise<unknown>): Promise<DomainError> => rejectionOf(promise, DomainError);

const codeOf = async (promise: Promise<unknown>): Promise<string> => (await refusalOf(promise)).code;

describe('accounts', () => {
  it('registers an account whose token names it, stores the email lower-cased and only a hash of the password', async () => {
    const account = newAccount();
    const session = await registerAccount(userDatabase(), tokens, { ...account, username: ` ${account.username} ` });
    expect(verifyUserToken(session.token, tokens.secret).userId).toBe(session.user.id);
    expect(session.expiresAt.getTime()).toBeGreaterThan(Date.now() + 590_000);

    const stored = await findUser(userDatabase(), session.user.id);
    expect(stored).toMatchObject({ username: account.username, email: account.email.toLowerCase() });
    expect(stored?.passwordHash).toMatch(/^scrypt\$/);
    expect(stored?.passwordHash).not.toContain(account.password);
  });

  it('logs in with the email in any case, and refuses a wrong password like an unknown email', async () => {
    const account = newAccount();
    const registered = await registerAccount(userDatabase(), tokens, account);
    const session = await logIn(userDatabase(), tokens, { email: ` ${account.email.toUpperCase()} `, password: account.password });
    expect(session.user.id).toBe(registered.user.id);
    expect(await codeOf(logIn(userDatabase(), tokens, { email: account.email, password: 'not the password' }))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(logIn(userDatabase(), tokens, { email: `x${account.email}`, password: account.password }))).toBe(
      'INVALID_CREDENTIALS',
    );
  });

  it('refuses a taken email (whatever its case) or username, naming which', async () => {
    const account = newAccount();
    await registerAccount(userDatabase(), tokens, account);
    const other = newAccount();
    const emailTaken = await refusalOf(registerAccount(userDatabase(), tokens, { ...other, email: account.email.toUpperCase() }));
    const usernameTaken = await refusalOf(registerAccount(userDatabase(), tokens, { ...other, username: account.username }));
    expect({ code: emailTaken.code, message: emailTaken.message, details: emailTaken.details }).toEqual({
      code: 'EMAIL_TAKEN',
      message: 'An account with this email already exists',
      details: { field: 'email' },
    });
    expect({ code: usernameTaken.code, message: usernameTaken.message, details: usernameTaken.details }).toEqual({
      code: 'USERNAME_TAKEN',
      message: 'This username is already taken',
      details: { field: 'username' },
    });
    const both = await refusalOf(registerAccount(userDatabase(), tokens, { ...account, email: account.email }));
    expect(both.code).toBe('EMAIL_TAKEN');
  });

  it('lets exactly one of two simultaneous registrations of the same email through', async () => {
    const account = newAccount();
    const results = await Promise.allSettled([
      registerAccount(userDatabase(), tokens, account),
      registerAccount(userDatabase(), tokens, { ...newAccount(), email: account.email }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((result) => result.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(DomainError);
    expect((refused?.reason as DomainError).code).toBe('EMAIL_TAKEN');
  });

  it('answers null for an unknown id', async () => {
    expect(await findUser(userDatabase(), 2_147_483_000)).toBeNull();
  });
});
