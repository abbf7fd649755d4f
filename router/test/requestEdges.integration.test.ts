// What a REST or GraphQL caller hears at the edges of what a request may be: a body missing or
// not an object, numbers past what can be stored or even read, and that no REST answer is cached.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startRouterInFrontOf, type InProcessRouter } from '../../test/support/routerInProcess.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../test/support/subgraphsInProcess.js';
import type { Member } from '../../test/support/savingsGroupsThroughRouter.js';
import { graphqlWsSocket } from '../../test/support/graphqlWsSocket.js';

let subgraphs: InProcessSubgraphs;
let router: InProcessRouter;
let ada: Member;

beforeAll(async () => {
  subgraphs = await startSubgraphsInProcess();
  router = await startRouterInFrontOf(subgraphs);
  ada = await router.register();
});

afterAll(async () => {
  await router.stop();
  await subgraphs.stop();
});

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

/** A request sent as is: `body` is the raw text, so JSON a serializer would never write (1e400) can be sent. */
async function send(method: string, path: string, options: { body?: string; headers?: Record<string, string>; token?: string } = {}) {
  const response = await fetch(`${router.origin}${path}`, {
    method,
    headers: { ...options.headers, ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }) },
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? '' : JSON.parse(text) } satisfies Answer;
}

const json = { 'content-type': 'application/json' };

const ADD_INCOME = 'mutation($a: Money!) { addIncome(amount: $a, source: "Salary", date: "2026-11-01") { id } }';

/** The GraphQL request, its variables written as raw JSON text. */
const graphqlWithRawVariables = (query: string, variables: string, token: string) =>
  send('POST', '/graphql', { headers: json, token, body: `{"query":${JSON.stringify(query)},"variables":${variables}}` });

describe('GraphQL variables that cannot be coerced', () => {
  it.each(['1e400', '-1e400', '[1e400]'])(
    'answers a Money variable of %s (Infinity once parsed) with BAD_USER_INPUT, HTTP 400',
    async (raw) => {
      const answer = await graphqlWithRawVariables(ADD_INCOME, `{"a":${raw}}`, ada.token);
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(/^Variable "\$a(\[0\])?" got a number too large to read/),
          extensions: { code: 'BAD_USER_INPUT', field: 'a' },
        }),
      ]);
    },
  );

  it('answers a Money variable of 1e400 sent over the WebSocket with BAD_USER_INPUT too', async () => {
    const connection = graphqlWsSocket(router.origin);
    try {
      await connection.signIn(ada.token);
      // Written by hand: a JSON serializer never writes 1e400, which the router's JSON.parse reads as Infinity.
      connection.socket.send(`{"type":"subscribe","id":"1","payload":{"query":${JSON.stringify(ADD_INCOME)},"variables":{"a":1e400}}}`);
      const answer = await vi.waitFor(
        () => {
          const found = connection.messages.find((message) => message.id === '1' && message.type !== 'complete');
          if (found === undefined) throw new Error('no answer yet');
          return found;
        },
        { timeout: 10_000, interval: 20 },
      );
      const errors = (answer.type === 'error' ? answer.payload : answer.payload.errors) as { extensions: { code: string } }[];
      expect(errors.map((error) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
    } finally {
      connection.socket.close();
    }
  });

  it.each(['1e400', '1e20', '1.5', '"ten"'])('answers an Int variable of %s with BAD_USER_INPUT, HTTP 400', async (raw) => {
    const answer = await graphqlWithRawVariables('query($n: Int) { me { incomes(limit: $n) { id } } }', `{"n":${raw}}`, ada.token);
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((error: { extensions: { code: string } }) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
  });

  it.each(['1e12', '1000000000000', '"1000000000000.00"', '1e300'])(
    'refuses an amount of %s as more than can be stored, saying so',
    async (raw) => {
      const answer = await graphqlWithRawVariables(ADD_INCOME, `{"a":${raw}}`, ada.token);
      expect(answer.body.errors).toEqual([
        expect.objectContaining({
          message: 'amount: must be at most 999999999999.99',
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'amount' }),
        }),
      ]);
    },
  );

  it('accepts the largest amount that can be stored', async () => {
    const answer = await graphqlWithRawVariables(ADD_INCOME, '{"a":"999999999999.99"}', ada.token);
    expect(answer.body.errors).toBeUndefined();
  });
});

describe('REST amounts at and past the largest', () => {
  const income = (amount: string) =>
    send('POST', '/income', {
      headers: json,
      token: ada.token,
      body: `{"userId":${ada.userId},"amount":${amount},"source":"Salary","date":"2026-11-01"}`,
    });

  it.each(['1e12', '1000000000000.5', '1e400'])('refuses %s as more than 999999999999.99, naming the field', async (amount) => {
    const answer = await income(amount);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'amount: must be at most 999999999999.99',
      details: { fields: [{ field: 'amount', message: 'must be at most 999999999999.99' }] },
    });
  });

  it('records 999999999999.99', async () => {
    expect((await income('999999999999.99')).status).toBe(201);
  });
});

describe('REST bodies that are missing or not an object', () => {
  it.each([
    ['POST', '/user/login'],
    ['POST', '/income'],
  ])('answers %s %s with JSON announced but no body: 400, saying the body is missing', async (method, path) => {
    const answer = await send(method, path, { headers: json, token: ada.token });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'BAD_USER_INPUT', details: { fields: [{ field: 'body' }] } });
    expect(answer.body.error.message).toMatch(/^body: is missing/);
  });

  it('says a body is missing even with no content type at all', async () => {
    const answer = await send('DELETE', `/user/${ada.userId}`, { token: ada.token });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/^body: is missing/);
  });

  it.each(['null', '[]', '"ada@example.com"', '42', 'true'])('answers a body of %s: 400, "body: must be a JSON object"', async (body) => {
    const answer = await send('POST', '/user/login', { headers: json, body });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'body: must be a JSON object',
      details: { fields: [{ field: 'body', message: 'must be a JSON object' }] },
    });
  });

  it('still calls a body that is not JSON at all malformed', async () => {
    const answer = await send('POST', '/user/login', { headers: json, body: '{"email":' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('MALFORMED_JSON');
  });

  it('still answers 415 for a body sent as something other than JSON', async () => {
    const answer = await send('POST', '/user/login', { headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(answer.status).toBe(415);
  });
});

describe('Cache-Control on REST answers', () => {
  it('is no-store on every answer: the login token, records, and errors of every kind', async () => {
    const answers = [
      await send('POST', '/user/login', { headers: json, body: JSON.stringify({ email: ada.email, password: ada.password }) }),
      await send('GET', `/income/${ada.userId}`, { token: ada.token }),
      await send('GET', `/user/${ada.userId}`, { token: ada.token }),
      await send('POST', '/user/login', { headers: json, body: JSON.stringify({ email: ada.email, password: 'wrong password' }) }),
      await send('GET', `/income/${ada.userId}`),
      await send('POST', '/income', { headers: json, token: ada.token, body: 'null' }),
      await send('PATCH', '/income'),
      await send('GET', '/no/such/route'),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 401, 401, 400, 405, 404]);
    for (const answer of answers) expect(answer.headers.get('cache-control')).toBe('no-store');
  });
});
