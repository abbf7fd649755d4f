// Registration, login and profile changes on the User service's own database.
import { randomBytes } from 'node:crypto';
import { verifyUserToken } from '@ledgerline/identity';
import { DomainError } from '@ledgerline/service-runtime';
import { describe, expect, it } from 'vitest';
import { userDatabase } from '../../../test/support/serviceDatabases.js';
import { rejectionOf } from '../../../test/support/thrown.js';
import { findUser, logIn, registerAccount, updateProfile } from '../src/accounts.js';
import { changeIdentity, markDeletionRequested } from '../src/userTable.js';

const tokens = { secret: randomBytes(32).toString('hex'), ttlSeconds: 600 };

function newAccount() {
  const suffix = randomBytes(5).toString('hex');
  return { username: `ada_${suffix}`, email: `Ada.${suffix}@Example.test`, password: `pw-${suffix}-long-enough` };
}

const refusalOf = (promise: Promise<unknown>): Promise<DomainError> => rejectionOf(promise, DomainError);

const codeOf = async (promise: Promise<unknown>): Promise<string> => (await refusalOf(promise)).code;

/** What a refusal tells the caller: its code, message and which field. */
async function refusalSeen(promise: Promise<unknown>) {
  const { code, message, details } = await refusalOf(promise);
  return { code, message, field: details['field'] };
}

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

  it('still signs in an account whose email was stored before emails were NFKC-folded, by the address as it was typed', async () => {
    const account = newAccount();
    const registered = await registerAccount(userDatabase(), tokens, account);
    // As the old rules stored a fullwidth address: only lower-cased.
    const storedBefore = `ｆｕｌｌ.${randomBytes(5).toString('hex')}@example.test`;
    await userDatabase().user.update({ where: { id: registered.user.id }, data: { email: storedBefore } });

    const session = await logIn(userDatabase(), tokens, { email: storedBefore.toUpperCase(), password: account.password });

    expect(session.user.id).toBe(registered.user.id);
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

describe('updateProfile', () => {
  /** A registered account, with the password and the email as typed at registration. */
  async function registered() {
    const account = newAccount();
    const { user } = await registerAccount(userDatabase(), tokens, account);
    return { ...account, id: user.id, storedEmail: user.email };
  }

  it('changes the username only, keeping the email', async () => {
    const account = await registered();
    const username = newAccount().username;
    const updated = await updateProfile(userDatabase(), account.id, { username: ` ${username} ` });
    expect(updated).toMatchObject({ id: account.id, username, email: account.storedEmail });
    expect(await findUser(userDatabase(), account.id)).toMatchObject({ username, email: account.storedEmail });
  });

  it('changes the email only, lower-cased, keeping the username', async () => {
    const account = await registered();
    const email = newAccount().email;
    const updated = await updateProfile(userDatabase(), account.id, { email, username: null });
    expect(updated).toMatchObject({ id: account.id, username: account.username, email: email.toLowerCase() });
    expect(await findUser(userDatabase(), account.id)).toMatchObject({ username: account.username, email: email.toLowerCase() });
  });

  it('changes both at once', async () => {
    const account = await registered();
    const { username, email } = newAccount();
    await updateProfile(userDatabase(), account.id, { username, email });
    expect(await findUser(userDatabase(), account.id)).toMatchObject({ username, email: email.toLowerCase() });
  });

  it("refuses another account's email (whatever its case) or username, naming which, and changes nothing", async () => {
    const [account, other] = await Promise.all([registered(), registered()]);
    expect(await refusalSeen(updateProfile(userDatabase(), account.id, { email: other.email.toUpperCase() }))).toEqual({
      code: 'EMAIL_TAKEN',
      message: 'An account with this email already exists',
      field: 'email',
    });
    expect(await refusalSeen(updateProfile(userDatabase(), account.id, { username: other.username }))).toEqual({
      code: 'USERNAME_TAKEN',
      message: 'This username is already taken',
      field: 'username',
    });
    const both = updateProfile(userDatabase(), account.id, { username: other.username, email: other.email });
    expect(await codeOf(both)).toBe('EMAIL_TAKEN');
    expect(await findUser(userDatabase(), account.id)).toMatchObject({ username: account.username, email: account.storedEmail });
  });

  it("accepts the account's own current username and email", async () => {
    const account = await registered();
    const updated = await updateProfile(userDatabase(), account.id, { username: account.username, email: account.email.toUpperCase() });
    expect(updated).toMatchObject({ username: account.username, email: account.storedEmail });
  });

  it.each([
    ['an invalid username', { username: 'a b' }, 'username'],
    ['an empty username', { username: '  ' }, 'username'],
    ['an invalid email', { email: 'not-an-email' }, 'email'],
    ['a valid username with an invalid email', { username: 'fine_name', email: 'ada@example' }, 'email'],
    ['neither', {}, 'username'],
    ['both null', { username: null, email: null }, 'username'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and changes nothing', async (_case, input, field) => {
    const account = await registered();
    const refusal = await refusalSeen(updateProfile(userDatabase(), account.id, input));
    expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(refusal.message.startsWith(`${field}: `)).toBe(true);
    expect(await findUser(userDatabase(), account.id)).toMatchObject({ username: account.username, email: account.storedEmail });
  });

  it('logs in with the new email and no longer with the old one', async () => {
    const account = await registered();
    const email = newAccount().email;
    await updateProfile(userDatabase(), account.id, { email });
    const session = await logIn(userDatabase(), tokens, { email, password: account.password });
    expect(session.user.id).toBe(account.id);
    expect(await codeOf(logIn(userDatabase(), tokens, { email: account.email, password: account.password }))).toBe('INVALID_CREDENTIALS');
  });

  it('lets exactly one of two simultaneous changes to the same email through, refusing the other cleanly', async () => {
    const [first, second] = await Promise.all([registered(), registered()]);
    const email = newAccount().email;
    const results = await Promise.allSettled([
      updateProfile(userDatabase(), first.id, { email }),
      updateProfile(userDatabase(), second.id, { email }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((result) => result.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(DomainError);
    expect((refused?.reason as DomainError).code).toBe('EMAIL_TAKEN');
  });

  it('answers UNAUTHENTICATED for an account being deleted, and leaves it as it is', async () => {
    const account = await registered();
    await markDeletionRequested(userDatabase(), account.id);
    expect(await codeOf(updateProfile(userDatabase(), account.id, { username: newAccount().username }))).toBe('UNAUTHENTICATED');
    expect(await codeOf(updateProfile(userDatabase(), 2_147_483_000, { username: newAccount().username }))).toBe('UNAUTHENTICATED');
    expect(await findUser(userDatabase(), account.id)).toMatchObject({ username: account.username });
  });

  it('reads a write the unique index refuses as taken, and one to an account being deleted as no account, never a Prisma error', async () => {
    const [account, other] = await Promise.all([registered(), registered()]);
    expect(await changeIdentity(userDatabase(), account.id, { email: other.storedEmail })).toBe('taken');
    expect(await changeIdentity(userDatabase(), account.id, { username: other.username })).toBe('taken');
    await markDeletionRequested(userDatabase(), account.id);
    expect(await changeIdentity(userDatabase(), account.id, { username: newAccount().username })).toBeNull();
  });
});
