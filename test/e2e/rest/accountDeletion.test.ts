// DELETE /user/{id}: deleting your own account through the REST routes, after which its token and
// its password open nothing.
import { describe, expect, it } from 'vitest';
import { registerRestUser, rest } from '../../support/restClient.js';
import { financeResources } from './financeResources.js';

describe('DELETE /user/{id}', () => {
  it('deletes the account, after which its token answers 401 everywhere and its password no longer logs in', async () => {
    const user = await registerRestUser();
    for (const resource of financeResources) {
      await rest('POST', resource.path, { token: user.token, body: resource.validBody(user.userId) });
    }

    const deleted = await rest('DELETE', `/user/${user.userId}`, { token: user.token, body: { password: user.password } });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ message: 'Account deleted', status: 'DELETED' });

    const afterwards: [string, string, unknown][] = [
      ['GET', `/income/${user.userId}`, undefined],
      ['POST', '/income', financeResources[0]!.validBody(user.userId)],
      ['GET', `/user/${user.userId}`, undefined],
    ];
    for (const [method, path, body] of afterwards) {
      const response = await rest(method, path, { token: user.token, body });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(response.body.error.code).toBe('UNAUTHENTICATED');
    }
    const login = await rest('POST', '/user/login', { body: { email: user.email, password: user.password } });
    expect(login.status).toBe(401);
    expect(login.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it("answers 403 for another user's id and deletes neither account", async () => {
    const [alice, bob] = await Promise.all([registerRestUser(), registerRestUser()]);

    const response = await rest('DELETE', `/user/${alice.userId}`, { token: bob.token, body: { password: bob.password } });
    expect(response.status).toBe(403);
    expect(response.body.error).toEqual({ code: 'FORBIDDEN', message: 'id: you may only delete your own account' });

    for (const user of [alice, bob]) {
      const profile = await rest('GET', `/user/${user.userId}`, { token: user.token });
      expect(profile.status).toBe(200);
      expect(profile.body.userId).toBe(user.userId);
    }
  });

  it('answers 401 for a wrong password, naming the password field, and keeps the account', async () => {
    const user = await registerRestUser();

    const response = await rest('DELETE', `/user/${user.userId}`, { token: user.token, body: { password: 'not-the-password' } });
    expect(response.status).toBe(401);
    expect(response.body.error).toMatchObject({ code: 'INVALID_CREDENTIALS', details: { fields: [{ field: 'password' }] } });

    const profile = await rest('GET', `/user/${user.userId}`, { token: user.token });
    expect(profile.status).toBe(200);
  });

  it('answers 400 naming the field when the password is missing, and keeps the account', async () => {
    const user = await registerRestUser();

    const response = await rest('DELETE', `/user/${user.userId}`, { token: user.token, body: {} });
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'password: is required',
      details: { fields: [{ field: 'password', message: 'is required' }] },
    });

    const profile = await rest('GET', `/user/${user.userId}`, { token: user.token });
    expect(profile.status).toBe(200);
  });
});
