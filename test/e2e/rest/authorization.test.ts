// Who may call which REST route: register and login are open; everything else needs a valid
// bearer token (401) and reaches only the caller's own records (403), exactly as in GraphQL.
import { issueUserToken, verifyUserToken } from '@ledgerline/identity';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { registerRestUser, rest, type RestUser } from '../../support/restClient.js';
import { financeResources } from './financeResources.js';

let alice: RestUser;
let bob: RestUser;

beforeAll(async () => {
  [alice, bob] = await Promise.all([registerRestUser(), registerRestUser()]);
  for (const resource of financeResources) {
    await rest('POST', resource.path, {
      token: alice.token,
      body: { ...resource.validBody(alice.userId), [resource.amountField]: 4242.42 },
    });
  }
});

/** Every route that needs a token, with a request that would succeed for Alice. */
const protectedRoutes = (): [string, string, unknown][] => [
  ['GET', `/user/${alice.userId}`, undefined],
  ...financeResources.flatMap((resource): [string, string, unknown][] => [
    ['POST', resource.path, resource.validBody(alice.userId)],
    ['GET', resource.listPath(alice.userId), undefined],
  ]),
];

/** Alice's token with its claims changed to another user's, keeping her signature. */
function tamperedToken(token: string): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
  const changed = Buffer.from(JSON.stringify({ ...claims, sub: String(bob.userId) })).toString('base64url');
  return `${header}.${changed}.${signature}`;
}

describe('authentication', () => {
  it('answers 401 on every protected route without a token, and stores nothing', async () => {
    for (const [method, path, body] of protectedRoutes()) {
      const response = await rest(method, path, { body });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(response.body.error.code).toBe('UNAUTHENTICATED');
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    }
    const incomes = await rest('GET', `/income/${alice.userId}`, { token: alice.token });
    expect(incomes.body.incomes).toHaveLength(1);
  });

  it('answers 401 on every protected route for a malformed, tampered or expired token', async () => {
    const expired = issueUserToken(verifyUserToken(alice.token, inject('jwtSecret')), inject('jwtSecret'), -60);
    const tokens = ['garbage', tamperedToken(alice.token), expired];
    for (const [method, path, body] of protectedRoutes()) {
      for (const token of tokens) {
        const response = await rest(method, path, { body, token });
        expect(response.status, `${method} ${path}`).toBe(401);
        expect(response.body.error.code).toBe('UNAUTHENTICATED');
      }
    }
  });

  it('answers 401 for an Authorization header that is not a bearer token', async () => {
    const response = await rest('GET', `/user/${alice.userId}`, { headers: { authorization: `Basic ${alice.token}` } });
    expect(response.status).toBe(401);
    expect(response.body.error.message).toMatch(/Bearer <token>/);
  });
});

describe('ownership', () => {
  it("answers 403 when Bob reads Alice's profile, and does not show her email", async () => {
    const response = await rest('GET', `/user/${alice.userId}`, { token: bob.token });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('FORBIDDEN');
    expect(JSON.stringify(response.body)).not.toContain(alice.email);
  });

  it.each(financeResources)("answers 403 when Bob lists Alice's $listKey, and shows none of them", async (resource) => {
    const response = await rest('GET', resource.listPath(alice.userId), { token: bob.token });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('FORBIDDEN');
    expect(JSON.stringify(response.body)).not.toContain('4242');
  });

  it.each(financeResources)('answers 403 when Bob adds a $name for Alice, and adds nothing', async (resource) => {
    const response = await rest('POST', resource.path, { token: bob.token, body: resource.validBody(alice.userId) });
    expect(response.status).toBe(403);
    expect(response.body.error).toEqual({ code: 'FORBIDDEN', message: 'userId: you may only add records of your own' });
    const alices = await rest('GET', resource.listPath(alice.userId), { token: alice.token });
    const bobs = await rest('GET', resource.listPath(bob.userId), { token: bob.token });
    expect(alices.body[resource.listKey]).toHaveLength(1);
    expect(bobs.body[resource.listKey]).toHaveLength(0);
  });

  it.each(financeResources)('answers 404 for the $listKey of an unknown user', async (resource) => {
    const response = await rest('GET', resource.listPath(2147483000), { token: bob.token });
    expect(response.status).toBe(404);
    expect(response.body.error).toEqual({ code: 'NOT_FOUND', message: 'No user with this id' });
  });
});
