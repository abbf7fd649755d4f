// Registration, login, sessions and profile changes through the router.
import { describe, expect, it } from 'vitest';
import { errorCodes, REGISTER, registerUser, routerQuery, uniqueCredentials } from '../support/router.js';

const LOGIN = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) { token userId expiresAt user { id username email } }
}`;
const ME = `{ me { id username email createdAt } }`;
const UPDATE_PROFILE = `mutation UpdateProfile($username: String, $email: String) {
  updateProfile(username: $username, email: $email) { id username email }
}`;

describe('accounts', () => {
  it('registers a user and signs them in with the returned token', async () => {
    const credentials = uniqueCredentials();
    const registered = await routerQuery(REGISTER, credentials);
    expect(registered.errors).toBeUndefined();
    const { token, userId } = registered.data!['register'];
    expect(userId).toMatch(/^[1-9][0-9]*$/);

    const me = await routerQuery(ME, {}, token);
    expect(me.data!['me']).toMatchObject({ id: userId, username: credentials.username, email: credentials.email });
    expect(new Date(me.data!['me'].createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('logs in with email and password, ignoring the case of the email', async () => {
    const user = await registerUser();
    const login = await routerQuery(LOGIN, { email: user.email.toUpperCase(), password: user.password });
    expect(login.errors).toBeUndefined();
    expect(login.data!['login']).toMatchObject({ userId: user.id, user: { id: user.id, username: user.username } });
    expect(new Date(login.data!['login'].expiresAt).getTime()).toBeGreaterThan(Date.now());

    const me = await routerQuery(ME, {}, login.data!['login'].token);
    expect(me.data!['me'].id).toBe(user.id);
  });

  it('refuses a wrong password and an unknown email with the same error', async () => {
    const user = await registerUser();
    const wrongPassword = await routerQuery(LOGIN, { email: user.email, password: 'not-the-password' });
    const unknownEmail = await routerQuery(LOGIN, { email: `nobody-${user.email}`, password: user.password });
    expect(errorCodes(wrongPassword)).toEqual(['INVALID_CREDENTIALS']);
    expect(errorCodes(unknownEmail)).toEqual(['INVALID_CREDENTIALS']);
    expect(wrongPassword.errors![0]!.message).toBe(unknownEmail.errors![0]!.message);
    expect(wrongPassword.data).toBeNull();
  });

  it('refuses a duplicate email, whatever its case, with EMAIL_TAKEN', async () => {
    const user = await registerUser();
    const duplicate = await routerQuery(REGISTER, {
      ...uniqueCredentials(),
      email: user.email.toUpperCase(),
    });
    expect(errorCodes(duplicate)).toEqual(['EMAIL_TAKEN']);
    expect(duplicate.errors![0]!.extensions!['field']).toBe('email');
  });

  it('refuses a duplicate username with USERNAME_TAKEN', async () => {
    const user = await registerUser();
    const duplicate = await routerQuery(REGISTER, { ...uniqueCredentials(), username: user.username });
    expect(errorCodes(duplicate)).toEqual(['USERNAME_TAKEN']);
  });

  it('answers a signed-out `me` with UNAUTHENTICATED', async () => {
    const response = await routerQuery(ME);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.data).toEqual({ me: null });
  });

  it('rejects a tampered or malformed token with HTTP 401', async () => {
    const user = await registerUser();
    const [header, payload] = user.token.split('.');
    const otherUsersClaims = Buffer.from(JSON.stringify({ sub: '1', iss: 'ledgerline-user', aud: 'ledgerline' })).toString('base64url');
    for (const token of [`${header}.${otherUsersClaims}.${user.token.split('.')[2]}`, `${header}.${payload}.`, 'garbage']) {
      const response = await routerQuery(ME, {}, token);
      expect(response.status).toBe(401);
      expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('shows a profile to other signed-in users but keeps the email private', async () => {
    const alice = await registerUser();
    const bob = await registerUser();
    const profile = await routerQuery(`query($id: ID!) { user(id: $id) { id username } }`, { id: alice.id }, bob.token);
    expect(profile.data).toEqual({ user: { id: alice.id, username: alice.username } });

    const email = await routerQuery(`query($id: ID!) { user(id: $id) { email } }`, { id: alice.id }, bob.token);
    expect(errorCodes(email)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(email)).not.toContain(alice.email);
  });

  it('answers an unknown user id with null', async () => {
    const user = await registerUser();
    const response = await routerQuery(`{ user(id: "2147483000") { id } }`, {}, user.token);
    expect(response).toMatchObject({ data: { user: null } });
    expect(response.errors).toBeUndefined();
  });
});

describe('updateProfile', () => {
  it('changes the username and the email, which `me` then shows', async () => {
    const user = await registerUser();
    const { username, email } = uniqueCredentials();
    const updated = await routerQuery(UPDATE_PROFILE, { username, email: email.toUpperCase() }, user.token);
    expect(updated.errors).toBeUndefined();
    expect(updated.data).toEqual({ updateProfile: { id: user.id, username, email } });

    const me = await routerQuery(ME, {}, user.token);
    expect(me.data!['me']).toMatchObject({ id: user.id, username, email });
  });

  it('keeps an omitted argument as it was', async () => {
    const user = await registerUser();
    const { username } = uniqueCredentials();
    const updated = await routerQuery(UPDATE_PROFILE, { username }, user.token);
    expect(updated.data).toEqual({ updateProfile: { id: user.id, username, email: user.email } });
  });

  it('signs in with the new email, and no longer with the old one', async () => {
    const user = await registerUser();
    const { email } = uniqueCredentials();
    expect((await routerQuery(UPDATE_PROFILE, { email }, user.token)).errors).toBeUndefined();

    const withNew = await routerQuery(LOGIN, { email, password: user.password });
    expect(withNew.data!['login']).toMatchObject({ userId: user.id, user: { email } });
    expect(errorCodes(await routerQuery(LOGIN, { email: user.email, password: user.password }))).toEqual(['INVALID_CREDENTIALS']);
  });

  it("refuses another account's email or username with EMAIL_TAKEN or USERNAME_TAKEN, naming the field", async () => {
    const [user, other] = await Promise.all([registerUser(), registerUser()]);
    const emailTaken = await routerQuery(UPDATE_PROFILE, { email: other.email.toUpperCase() }, user.token);
    const usernameTaken = await routerQuery(UPDATE_PROFILE, { username: other.username }, user.token);
    expect(errorCodes(emailTaken)).toEqual(['EMAIL_TAKEN']);
    expect(emailTaken.errors![0]!.extensions!['field']).toBe('email');
    expect(errorCodes(usernameTaken)).toEqual(['USERNAME_TAKEN']);
    expect(usernameTaken.errors![0]!.extensions!['field']).toBe('username');

    const me = await routerQuery(ME, {}, user.token);
    expect(me.data!['me']).toMatchObject({ username: user.username, email: user.email });
  });

  it.each([
    ['an invalid email', { email: 'not-an-email' }, 'email'],
    ['an invalid username', { username: 'no spaces please' }, 'username'],
    ['neither argument', {}, 'username'],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_case, variables, field) => {
    const user = await registerUser();
    const response = await routerQuery(UPDATE_PROFILE, variables, user.token);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.extensions!['field']).toBe(field);
  });

  it('answers a signed-out caller with UNAUTHENTICATED', async () => {
    const response = await routerQuery(UPDATE_PROFILE, { username: uniqueCredentials().username });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.data).toBeNull();
  });
});
