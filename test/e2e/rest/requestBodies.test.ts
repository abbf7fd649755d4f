// What the REST routes answer to requests they cannot read at all: malformed JSON, a body that is
// not JSON, missing or not an object, one that is too large, an unknown route or method. Always the
// REST error model, never kept by a cache.
import { beforeAll, describe, expect, it } from 'vitest';
import { registerRestUser, rest, type RestUser } from '../../support/restClient.js';
import { financeResources } from './financeResources.js';

let user: RestUser;

beforeAll(async () => {
  user = await registerRestUser();
});

/** Every route that takes a body, with a valid one; all but register and login need the token. */
const bodyRoutes = (): { method: string; path: string; body: Record<string, unknown>; token?: string }[] => [
  { method: 'POST', path: '/user/register', body: { username: 'someone', email: 'someone@example.test', password: 'long enough' } },
  { method: 'POST', path: '/user/login', body: { email: user.email, password: user.password } },
  { method: 'PUT', path: `/user/${user.userId}`, body: { username: user.username, email: user.email }, token: user.token },
  // A wrong password: should a body ever get through, it deletes nothing.
  { method: 'DELETE', path: `/user/${user.userId}`, body: { password: 'not the password' }, token: user.token },
  ...financeResources.map((resource) => ({
    method: 'POST',
    path: resource.path,
    body: resource.validBody(user.userId),
    token: user.token,
  })),
];

describe('request bodies', () => {
  it('answers malformed JSON with 400 MALFORMED_JSON on every route that takes a body', async () => {
    for (const { method, path, token } of bodyRoutes()) {
      const response = await rest(method, path, {
        token,
        rawBody: '{"userId": 1, "amount": ',
        headers: { 'content-type': 'application/json' },
      });
      expect(response.status, path).toBe(400);
      expect(response.body).toEqual({ error: { code: 'MALFORMED_JSON', message: 'Request body is not valid JSON' } });
    }
  });

  it('answers a body that is not sent as JSON with 415 on every route that takes a body', async () => {
    for (const { method, path, body, token } of bodyRoutes()) {
      const asText = await rest(method, path, { token, rawBody: JSON.stringify(body), headers: { 'content-type': 'text/plain' } });
      const asForm = await rest(method, path, {
        token,
        rawBody: 'userId=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      for (const response of [asText, asForm]) {
        expect(response.status, path).toBe(415);
        expect(response.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      }
    }
  });

  it('answers a request without a body, JSON announced or not, with 400 saying the body is missing', async () => {
    for (const { method, path, token } of bodyRoutes()) {
      for (const headers of [{}, { 'content-type': 'application/json' }]) {
        const response = await rest(method, path, { token, headers });
        expect(response.status, path).toBe(400);
        expect(response.body.error).toMatchObject({ code: 'BAD_USER_INPUT', details: { fields: [{ field: 'body' }] } });
        expect(response.body.error.message).toMatch(/^body: is missing/);
        expect(response.headers.get('cache-control')).toBe('no-store');
      }
    }
  });

  it('answers a body of null, or any JSON that is not an object, with 400 "body: must be a JSON object"', async () => {
    for (const { method, path, token } of bodyRoutes()) {
      for (const rawBody of ['null', '"text"', '12', '[]']) {
        const response = await rest(method, path, { token, rawBody, headers: { 'content-type': 'application/json' } });
        expect(response.status, `${method} ${path} ${rawBody}`).toBe(400);
        expect(response.body.error.message).toBe('body: must be a JSON object');
      }
    }
  });

  it('answers an oversized body with 413 on every route that takes a body', async () => {
    for (const { method, path, body, token } of bodyRoutes()) {
      const response = await rest(method, path, { token, body: { ...body, padding: 'x'.repeat(1_100_000) } });
      expect(response.status, path).toBe(413);
      expect(response.body).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' } });
    }
  });

  it('accepts JSON declared with a charset', async () => {
    const resource = financeResources[0]!;
    const response = await rest('POST', resource.path, {
      token: user.token,
      rawBody: JSON.stringify(resource.validBody(user.userId)),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(response.status).toBe(201);
  });
});

describe('routes', () => {
  it('answers an unknown route with 404 in the REST error model', async () => {
    for (const [method, path] of [
      ['GET', '/incomes/1'],
      ['POST', '/user'],
      ['GET', '/'],
    ]) {
      const response = await rest(method!, path!, { token: user.token });
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: { code: 'NOT_FOUND', message: `No route ${method} ${path}` } });
    }
  });

  it('answers a known route with another method with 405 and the allowed methods', async () => {
    const cases: [string, string, string][] = [
      ['GET', '/user/register', 'POST'],
      ['PATCH', `/user/${user.userId}`, 'GET, PUT, DELETE'],
      ['DELETE', `/income/${user.userId}`, 'GET'],
      ['GET', '/savings', 'POST'],
    ];
    for (const [method, path, allowed] of cases) {
      const response = await rest(method, path, { token: user.token });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get('allow')).toBe(allowed);
      expect(response.body.error.code).toBe('METHOD_NOT_ALLOWED');
    }
  });
});
