// The HTTP side every subgraph shares, built in-process and called over loopback as the router
// calls it: only router-signed requests, refusals with their codes, internal errors masked.
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { signRouterAssertion } from '@ledgerline/identity';
import jwt from 'jsonwebtoken';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../../../test/support/callers.js';
import {
  createLogger,
  createSubgraphServer,
  DomainError,
  listen,
  refusedToken,
  serviceMetrics,
  type SubgraphServer,
} from '../src/index.js';

const secret = randomBytes(32).toString('hex');
let server: SubgraphServer;
let url: string;
let databaseAnswers = true;
/** The callers whose sessions the admission check refuses, as the User service would a deleted account. */
const endedSessions = new Set<number>();
/** Each admission asked for, as [user id, kind of operation]. */
const admissions: [number, string][] = [];
const caller = callerFor(7);

beforeAll(async () => {
  server = await createSubgraphServer({
    typeDefs: parse(`
      type Query {
        caller: ID
        broken: String
        refused: String
      }
      type Mutation {
        touch: Boolean
      }
    `),
    resolvers: {
      Query: {
        caller: (_: unknown, __: unknown, context: { userId: number | null }) => context.userId,
        broken: () => {
          throw new Error('connect ECONNREFUSED 10.1.2.3:5432 password=hunter2');
        },
        refused: () => {
          throw new DomainError('FORBIDDEN', 'Not yours', { field: 'id' });
        },
      },
      Mutation: { touch: () => true },
    },
    routerSigningSecret: secret,
    admitCaller: (candidate, operation) => {
      admissions.push([candidate.userId, operation]);
      return endedSessions.has(candidate.userId) ? Promise.reject(refusedToken('revoked')) : Promise.resolve();
    },
    readinessChecks: [
      {
        name: 'database',
        check: async () => {
          if (!databaseAnswers) throw new Error('database down');
        },
      },
    ],
    metrics: serviceMetrics().registry,
    log: createLogger('test-subgraph', 'silent'),
  });
  await listen(server.httpServer, 0, '127.0.0.1');
  url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await server.stop();
});

async function ask(query: string, assertion?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(assertion ? { 'x-ledgerline-router-assertion': assertion } : {}) },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] },
  };
}

const fromRouter = (userId: number | null) =>
  signRouterAssertion({ caller: userId === null ? null : { ...caller, userId }, requestId: 'test' }, secret);

describe('createSubgraphServer', () => {
  it('serves the caller the router asserts', async () => {
    expect((await ask('{ caller }', fromRouter(7))).body).toEqual({ data: { caller: '7' } });
    expect((await ask('{ caller }', fromRouter(null))).body).toEqual({ data: { caller: null } });
  });

  it('refuses with 401 a request without an assertion, with a forged one, or with an expired one', async () => {
    const expired = jwt.sign({ rid: 'x', exp: Math.floor(Date.now() / 1000) - 5 }, secret, {
      algorithm: 'HS256',
      issuer: 'ledgerline-router',
      audience: 'ledgerline-subgraphs',
      subject: '7',
    });
    for (const assertion of [undefined, signRouterAssertion({ caller, requestId: 'x' }, 'f'.repeat(64)), expired]) {
      const { status, body } = await ask('{ caller }', assertion);
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      expect(body.data ?? null).toBeNull();
    }
  });

  it('refuses a caller whose session has ended before any resolver runs, with the code and message the gateway passes on', async () => {
    endedSessions.add(8);
    try {
      const { status, body } = await ask('{ refused }', fromRouter(8));
      // 200, not 401: the gateway would turn an HTTP 401 into "401: Unauthorized" and lose the reason.
      expect(status).toBe(200);
      expect(body.errors).toEqual([{ message: refusedToken('revoked').message, extensions: { code: 'UNAUTHENTICATED' } }]);
      expect(body.data ?? null).toBeNull();
      expect((await ask('{ caller }', fromRouter(null))).body).toEqual({ data: { caller: null } });
    } finally {
      endedSessions.delete(8);
    }
  });

  it('asks whether a signed-in caller is admitted once per operation, saying whether it is a query or a mutation', async () => {
    admissions.length = 0;
    await ask('{ caller }', fromRouter(9));
    await ask('mutation { touch }', fromRouter(9));
    await ask('{ caller }', fromRouter(null));
    expect(admissions).toEqual([
      [9, 'query'],
      [9, 'mutation'],
    ]);
  });

  it('masks an unexpected error: the caller sees neither its message nor a stack trace', async () => {
    const { body } = await ask('{ broken }', fromRouter(7));
    expect(body.errors).toEqual([{ message: 'Internal server error', path: ['broken'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
  });

  it('passes a domain refusal on with its code, message and details', async () => {
    const { body } = await ask('{ refused }', fromRouter(7));
    expect(body.errors?.[0]).toMatchObject({ message: 'Not yours', extensions: { code: 'FORBIDDEN', field: 'id' } });
  });

  it('answers a malformed body with a JSON 400', async () => {
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('is ready only while its readiness checks pass, and alive either way', async () => {
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    databaseAnswers = false;
    try {
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'not ready', failures: { database: 'database down' } });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      databaseAnswers = true;
    }
  });
});
