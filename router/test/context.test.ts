import { issueUserToken } from '@ledgerline/identity';
import { GraphQLError } from 'graphql';
import jwt from 'jsonwebtoken';
import type { Logger } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { thrownBy } from '../../test/support/thrown.js';
import { callerFromAuthorization, routerContextFrom } from '../src/context.js';
import { callerFor } from '../../test/support/callers.js';

const JWT_SECRET = 'j'.repeat(32);
const ALICE = callerFor(42);

const refusalOf = (header: string): GraphQLError => thrownBy(() => callerFromAuthorization(header, JWT_SECRET), GraphQLError);

describe('callerFromAuthorization', () => {
  it('reads no header, or an empty one, as an anonymous caller', () => {
    expect(callerFromAuthorization(undefined, JWT_SECRET)).toBeNull();
    expect(callerFromAuthorization('', JWT_SECRET)).toBeNull();
  });

  it('answers the user id and account key of a valid bearer token', () => {
    expect(callerFromAuthorization(`Bearer ${issueUserToken(ALICE, JWT_SECRET, 60)}`, JWT_SECRET)).toEqual(ALICE);
  });

  it('refuses a token from before account keys, which names a user id only', () => {
    const keyless = jwt.sign({}, JWT_SECRET, {
      algorithm: 'HS256',
      subject: '42',
      issuer: 'ledgerline-user',
      audience: 'ledgerline',
      expiresIn: 60,
    });
    expect(refusalOf(`Bearer ${keyless}`).message).toBe('Invalid token: token invalid');
  });

  it('reads the scheme without regard to case, and any spacing before the token', () => {
    const token = issueUserToken(ALICE, JWT_SECRET, 60);
    expect(callerFromAuthorization(`bearer ${token}`, JWT_SECRET)).toEqual(ALICE);
    expect(callerFromAuthorization(`BEARER   ${token}`, JWT_SECRET)).toEqual(ALICE);
  });

  it.each(['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', 'Bearer two tokens', 'Token abc', 'xBearer abc'])(
    'refuses %j with a 401 saying what the header must hold',
    (header) => {
      const error = refusalOf(header);
      expect(error.message).toBe('Authorization header must be "Bearer <token>"');
      expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', http: { status: 401 } });
    },
  );

  it('refuses an expired token, saying so', () => {
    const expired = jwt.sign({ exp: Math.floor(Date.now() / 1000) - 10 }, JWT_SECRET, {
      algorithm: 'HS256',
      subject: '42',
      issuer: 'ledgerline-user',
      audience: 'ledgerline',
    });
    const error = refusalOf(`Bearer ${expired}`);
    expect(error.message).toBe('Invalid token: token expired');
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', http: { status: 401 } });
  });

  it('refuses a token signed with another secret', () => {
    expect(refusalOf(`Bearer ${issueUserToken(ALICE, 'x'.repeat(32), 60)}`).message).toBe('Invalid token: token invalid');
  });
});

describe('routerContextFrom', () => {
  const ADDRESS = '127.0.0.1';
  const recordingLogger = () => {
    const child = { name: 'request logger' } as unknown as Logger;
    const log = { child: vi.fn(() => child) };
    return { log: log as unknown as Logger, child, bindings: log.child };
  };

  it('carries the caller, the caller’s request id and a logger tagged with both', () => {
    const { log, child, bindings } = recordingLogger();
    const headers = { authorization: `Bearer ${issueUserToken(ALICE, JWT_SECRET, 60)}`, 'x-request-id': 'req-1' };
    expect(routerContextFrom(headers, JWT_SECRET, log, '203.0.113.7')).toEqual({
      caller: ALICE,
      requestId: 'req-1',
      idempotencyKey: null,
      clientAddress: '203.0.113.7',
      log: child,
    });
    expect(bindings).toHaveBeenCalledWith({ requestId: 'req-1', userId: 42 });
  });

  it('carries the client’s Idempotency-Key, and refuses one it could not store or log safely with a 400', () => {
    const { log } = recordingLogger();
    expect(routerContextFrom({ 'idempotency-key': 'f1e2d3c4-0001' }, JWT_SECRET, log, ADDRESS).idempotencyKey).toBe('f1e2d3c4-0001');
    for (const unusable of ['', 'with space', 'x'.repeat(256), 'naïve']) {
      const refusal = thrownBy(() => routerContextFrom({ 'idempotency-key': unusable }, JWT_SECRET, log, ADDRESS), GraphQLError);
      expect(refusal.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'Idempotency-Key', http: { status: 400 } });
      expect(refusal.message).toContain('Idempotency-Key: must be 1 to 255 printable ASCII characters');
    }
  });

  it('makes a request id for an anonymous caller who sent none', () => {
    const { log } = recordingLogger();
    const context = routerContextFrom({}, JWT_SECRET, log, ADDRESS);
    expect(context.caller).toBeNull();
    expect(context.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a request whose Authorization header is not a valid token', () => {
    expect(() => routerContextFrom({ authorization: 'Bearer not-a-jwt' }, JWT_SECRET, recordingLogger().log, ADDRESS)).toThrow(
      'Invalid token: token invalid',
    );
  });
});
