// The User service's REST routes: register, login and profile, with the original design's shapes,
// and changing the profile.
import { describe, expect, it } from 'vitest';
import { registerRestUser, rest } from '../../support/restClient.js';
import { uniqueCredentials } from '../../support/router.js';

describe('POST /user/register', () => {
  it('registers a user and answers with the message and the new integer id', async () => {
    const credentials = uniqueCredentials();
    const response = await rest('POST', '/user/register', { body: credentials });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ message: 'User registered successfully', userId: expect.any(Number) });
    expect(Number.isInteger(response.body.userId)).toBe(true);
  });

  it('refuses a duplicate email, whatever its case, with 409 EMAIL_TAKEN', async () => {
    const user = await registerRestUser();
    const response = await rest('POST', '/user/register', { body: { ...uniqueCredentials(), email: user.email.toUpperCase() } });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'EMAIL_TAKEN', details: { fields: [{ field: 'email' }] } });
  });

  it('refuses a duplicate username with 409 USERNAME_TAKEN', async () => {
    const user = await registerRestUser();
    const response = await rest('POST', '/user/register', { body: { ...uniqueCredentials(), username: user.username } });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'USERNAME_TAKEN', details: { fields: [{ field: 'username' }] } });
  });

  it.each([
    ['a missing password', { password: undefined }, 'password', /password: is required/],
    ['a username that is not a string', { username: 42 }, 'username', /username: must be a string/],
    ['an invalid email', { email: 'not-an-email' }, 'email', /email: is not a valid email address/],
    ['a short password', { password: 'short' }, 'password', /password: must be at least 8 characters/],
  ])('refuses %s with 400 naming the field', async (_name, override, field, message) => {
    const response = await rest('POST', '/user/register', { body: { ...uniqueCredentials(), ...override } });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('BAD_USER_INPUT');
    expect(response.body.error.message).toMatch(message);
    expect(response.body.error.details.fields.map((problem: { field: string }) => problem.field)).toEqual([field]);
  });
});

describe('POST /user/login', () => {
  it('answers with a token and the integer user id, and the token opens the profile', async () => {
    const credentials = uniqueCredentials();
    const registered = await rest('POST', '/user/register', { body: credentials });
    const login = await rest('POST', '/user/login', { body: { email: credentials.email.toUpperCase(), password: credentials.password } });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), userId: registered.body.userId });

    const profile = await rest('GET', `/user/${login.body.userId}`, { token: login.body.token });
    expect(profile.status).toBe(200);
  });

  it('refuses a wrong password and an unknown email alike with 401 INVALID_CREDENTIALS', async () => {
    const user = await registerRestUser();
    const wrongPassword = await rest('POST', '/user/login', { body: { email: user.email, password: 'not-the-password' } });
    const unknownEmail = await rest('POST', '/user/login', { body: { email: `nobody-${user.email}`, password: user.password } });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: 'Email or password is incorrect' } });
    expect(unknownEmail.body).toEqual(wrongPassword.body);
  });

  it('refuses a login without a password with 400 naming the field', async () => {
    const response = await rest('POST', '/user/login', { body: { email: 'someone@example.test' } });
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'password: is required',
      details: { fields: [{ field: 'password', message: 'is required' }] },
    });
  });
});

describe('GET /user/{id}', () => {
  it('answers with the caller’s own profile', async () => {
    const user = await registerRestUser();
    const response = await rest('GET', `/user/${user.userId}`, { token: user.token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ userId: user.userId, username: user.username, email: user.email });
  });

  it('answers 404 for an unknown id', async () => {
    const user = await registerRestUser();
    const response = await rest('GET', '/user/2147483000', { token: user.token });
    expect(response.status).toBe(404);
    expect(response.body.error).toEqual({ code: 'NOT_FOUND', message: 'No user with this id' });
  });

  it.each(['abc', '0', '-3', '1.5', '99999999999'])('answers 400 for the id %s', async (id) => {
    const user = await registerRestUser();
    const response = await rest('GET', `/user/${id}`, { token: user.token });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'BAD_USER_INPUT', message: 'id: must be a positive integer id' });
  });
});

describe('PUT /user/{id}', () => {
  it('changes the username and the email, answering the new profile that GET then shows', async () => {
    const user = await registerRestUser();
    const before = await rest('GET', `/user/${user.userId}`, { token: user.token });
    expect(before.body.username).toBe(user.username);
    const { username, email } = uniqueCredentials();

    const response = await rest('PUT', `/user/${user.userId}`, { token: user.token, body: { username, email: email.toUpperCase() } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ userId: user.userId, username, email });

    const profile = await rest('GET', `/user/${user.userId}`, { token: user.token });
    expect(profile.body).toEqual({ userId: user.userId, username, email });
    const login = await rest('POST', '/user/login', { body: { email, password: user.password } });
    expect(login.status).toBe(200);
    const oldLogin = await rest('POST', '/user/login', { body: { email: user.email, password: user.password } });
    expect(oldLogin.status).toBe(401);
  });

  it('accepts the current username and email unchanged', async () => {
    const user = await registerRestUser();
    const response = await rest('PUT', `/user/${user.userId}`, { token: user.token, body: { username: user.username, email: user.email } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ userId: user.userId, username: user.username, email: user.email });
  });

  it("answers 403 for another user's id and changes neither profile", async () => {
    const [alice, bob] = await Promise.all([registerRestUser(), registerRestUser()]);
    const response = await rest('PUT', `/user/${alice.userId}`, { token: bob.token, body: uniqueCredentials() });
    expect(response.status).toBe(403);
    expect(response.body.error).toEqual({ code: 'FORBIDDEN', message: 'id: you may only change your own profile' });

    for (const user of [alice, bob]) {
      const profile = await rest('GET', `/user/${user.userId}`, { token: user.token });
      expect(profile.body).toEqual({ userId: user.userId, username: user.username, email: user.email });
    }
  });

  it("answers 409 EMAIL_TAKEN for another account's email, whatever its case", async () => {
    const [user, other] = await Promise.all([registerRestUser(), registerRestUser()]);
    const response = await rest('PUT', `/user/${user.userId}`, {
      token: user.token,
      body: { username: user.username, email: other.email.toUpperCase() },
    });
    expect(response.status).toBe(409);
    expect(response.body.error).toEqual({
      code: 'EMAIL_TAKEN',
      message: 'An account with this email already exists',
      details: { fields: [{ field: 'email', message: 'An account with this email already exists' }] },
    });
  });

  it("answers 409 USERNAME_TAKEN for another account's username", async () => {
    const [user, other] = await Promise.all([registerRestUser(), registerRestUser()]);
    const response = await rest('PUT', `/user/${user.userId}`, {
      token: user.token,
      body: { username: other.username, email: user.email },
    });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({
      code: 'USERNAME_TAKEN',
      message: 'This username is already taken',
      details: { fields: [{ field: 'username' }] },
    });
  });

  it.each([
    ['a missing email', { email: undefined }, 'email', 'email: is required'],
    ['a username that is not a string', { username: 42 }, 'username', 'username: must be a string'],
    ['an invalid email', { email: 'not-an-email' }, 'email', 'email: is not a valid email address'],
    ['an invalid username', { username: 'no spaces please' }, 'username', /^username: must be 3 to 32 characters/],
  ])('answers 400 for %s, naming the field, and keeps the profile', async (_case, override, field, message) => {
    const user = await registerRestUser();
    const response = await rest('PUT', `/user/${user.userId}`, { token: user.token, body: { ...uniqueCredentials(), ...override } });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('BAD_USER_INPUT');
    expect(response.body.error.message).toMatch(message);
    expect(response.body.error.details.fields.map((problem: { field: string }) => problem.field)).toEqual([field]);

    const profile = await rest('GET', `/user/${user.userId}`, { token: user.token });
    expect(profile.body).toEqual({ userId: user.userId, username: user.username, email: user.email });
  });

  it('answers 401 without a token', async () => {
    const user = await registerRestUser();
    const response = await rest('PUT', `/user/${user.userId}`, { body: uniqueCredentials() });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.body.error.code).toBe('UNAUTHENTICATED');
  });
});
