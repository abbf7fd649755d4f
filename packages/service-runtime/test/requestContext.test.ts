// What a subgraph knows about each request: its id, and the caller as the router vouches for it.
import { ROUTER_ASSERTION_HEADER, signRouterAssertion } from '@ledgerline/identity';
import { GraphQLError } from 'graphql';
import jwt from 'jsonwebtoken';
import type { Logger } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { thrownBy } from '../../../test/support/thrown.js';
import { DEADLINE_AT_HEADER, DEADLINE_HEADER } from '../src/deadlines.js';
import { DomainError } from '../src/DomainError.js';
import { IDEMPOTENCY_KEY_HEADER } from '../src/idempotencyKey.js';
import { REQUEST_ID_HEADER, requestIdFrom } from '../src/requestId.js';
import { requireCaller, requireUser, subgraphContextFrom, type SubgraphContext } from '../src/subgraphContext.js';
import { callerFor } from '../../../test/support/callers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestIdFrom', () => {
  it('is read from the x-request-id header', () => {
    expect(REQUEST_ID_HEADER).toBe('x-request-id');
  });

  it.each(['abc', 'req-42_A.b:c', 'x'.repeat(128), '7'])('keeps the caller’s id %j', (id) => {
    expect(requestIdFrom(id)).toBe(id);
  });

  it.each([
    ['with spaces', 'my request id'],
    ['with a line break', 'abc\n{"level":"fatal"}'],
    ['with a slash', 'a/b'],
    ['longer than 128 characters', 'x'.repeat(129)],
    ['that is empty', ''],
  ])('replaces an id %s with a new UUID', (_case, id) => {
    const replaced = requestIdFrom(id);
    expect(replaced).toMatch(UUID);
  });

  it('makes a new UUID, different each time, when the caller sent none', () => {
    const first = requestIdFrom(undefined);
    expect(first).toMatch(UUID);
    expect(requestIdFrom(undefined)).not.toBe(first);
  });

  it('takes the first of repeated headers, and checks it like any other', () => {
    expect(requestIdFrom(['first-id', 'second-id'])).toBe('first-id');
    expect(requestIdFrom(['not acceptable', 'second-id'])).toMatch(UUID);
    expect(requestIdFrom([])).toMatch(UUID);
  });
});

const SECRET = 'r'.repeat(32);

/** A logger whose child loggers are recorded, so a test can see what each request's lines carry. */
function recordingLogger() {
  const child = { name: 'request logger' } as unknown as Logger;
  const log = { child: vi.fn(() => child) };
  return { log: log as unknown as Logger, child, childBindings: log.child };
}

const withAssertion = (value: string) => ({ [ROUTER_ASSERTION_HEADER]: value });

/** The GraphQL error a request without a valid assertion is refused with. */
const refusalOf = (headers: Record<string, string | string[]>): GraphQLError =>
  thrownBy(() => subgraphContextFrom(headers, SECRET, recordingLogger().log), GraphQLError);

const SEVEN = callerFor(7);

describe('subgraphContextFrom', () => {
  it('refuses a request without a router assertion with a 401 UNAUTHENTICATED', () => {
    const error = refusalOf({ authorization: 'Bearer something' });
    expect(error.message).toBe('Subgraphs only accept requests from the router (missing router assertion)');
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', http: { status: 401 } });
  });

  it('refuses a repeated router assertion header', () => {
    const assertion = signRouterAssertion({ caller: SEVEN, requestId: 'abc' }, SECRET);
    expect(refusalOf({ [ROUTER_ASSERTION_HEADER]: [assertion, assertion] }).message).toContain('missing router assertion');
  });

  it('refuses an expired router assertion with a 401', () => {
    const expired = jwt.sign({ rid: 'abc', exp: Math.floor(Date.now() / 1000) - 5 }, SECRET, {
      algorithm: 'HS256',
      issuer: 'ledgerline-router',
      audience: 'ledgerline-subgraphs',
      subject: '7',
    });
    const error = refusalOf(withAssertion(expired));
    expect(error.message).toBe('Subgraphs only accept requests from the router (router assertion invalid)');
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', http: { status: 401 } });
  });

  it('refuses an assertion signed with another secret', () => {
    const forged = signRouterAssertion({ caller: SEVEN, requestId: 'abc' }, 'f'.repeat(32));
    expect(refusalOf(withAssertion(forged)).extensions['code']).toBe('UNAUTHENTICATED');
  });

  it('gives resolvers the caller and request id, with a logger that tags every line with both', () => {
    const { log, child, childBindings } = recordingLogger();
    const context = subgraphContextFrom(withAssertion(signRouterAssertion({ caller: SEVEN, requestId: 'abc' }, SECRET)), SECRET, log);
    expect(context).toEqual({ caller: SEVEN, userId: 7, requestId: 'abc', deadline: null, idempotencyKey: null, log: child });
    expect(childBindings).toHaveBeenCalledWith({ requestId: 'abc', userId: 7 });
  });

  it('carries the time the router still waits as a deadline on this clock, and the client’s idempotency key', () => {
    const assertion = withAssertion(signRouterAssertion({ caller: SEVEN, requestId: 'abc' }, SECRET));
    const before = Date.now();
    const context = subgraphContextFrom(
      { ...assertion, [DEADLINE_HEADER]: '1500', [IDEMPOTENCY_KEY_HEADER]: 'order-1' },
      SECRET,
      recordingLogger().log,
    );
    expect(context.deadline).toBeGreaterThanOrEqual(before + 1500);
    expect(context.deadline).toBeLessThanOrEqual(Date.now() + 1500);
    expect(context.idempotencyKey).toBe('order-1');
  });

  it('bounds the time left by the router’s clock reading, so a request read long after it was sent runs out of time', () => {
    const assertion = withAssertion(signRouterAssertion({ caller: SEVEN, requestId: 'abc' }, SECRET));
    const sentTwelveSecondsAgo = String(Date.now() - 12_000 + 10_000);
    const late = subgraphContextFrom(
      { ...assertion, [DEADLINE_HEADER]: '10000', [DEADLINE_AT_HEADER]: sentTwelveSecondsAgo },
      SECRET,
      recordingLogger().log,
    );
    expect(late.deadline).toBeLessThan(Date.now());
    // Clocks a few hundred milliseconds apart change nothing.
    const onTime = subgraphContextFrom(
      { ...assertion, [DEADLINE_HEADER]: '10000', [DEADLINE_AT_HEADER]: String(Date.now() + 10_000 - 500) },
      SECRET,
      recordingLogger().log,
    );
    expect(onTime.deadline).toBeGreaterThanOrEqual(Date.now() + 9_900);
  });

  it('ignores a deadline it cannot read rather than inventing one', () => {
    const assertion = withAssertion(signRouterAssertion({ caller: SEVEN, requestId: 'abc' }, SECRET));
    for (const unreadable of ['-5', 'soon', '1e3', '']) {
      expect(subgraphContextFrom({ ...assertion, [DEADLINE_HEADER]: unreadable }, SECRET, recordingLogger().log).deadline).toBeNull();
    }
  });

  it('gives no caller for an anonymous request', () => {
    const { log } = recordingLogger();
    const context = subgraphContextFrom(withAssertion(signRouterAssertion({ caller: null, requestId: 'abc' }, SECRET)), SECRET, log);
    expect(context.caller).toBeNull();
    expect(context.userId).toBeNull();
    expect(context.requestId).toBe('abc');
  });

  it('makes up a request id when the assertion carries an empty one', () => {
    const { log, childBindings } = recordingLogger();
    const context = subgraphContextFrom(withAssertion(signRouterAssertion({ caller: SEVEN, requestId: '' }, SECRET)), SECRET, log);
    expect(context.requestId).toMatch(UUID);
    expect(childBindings).toHaveBeenCalledWith({ requestId: context.requestId, userId: 7 });
  });

  it('lets a failure unrelated to the assertion through as it is, not as a 401', () => {
    const failingLog = {
      child: () => {
        throw new Error('logger broke');
      },
    } as unknown as Logger;
    const assertion = signRouterAssertion({ caller: SEVEN, requestId: 'abc' }, SECRET);
    expect(() => subgraphContextFrom(withAssertion(assertion), SECRET, failingLog)).toThrow('logger broke');
  });
});

describe('requireUser', () => {
  const contextOf = (userId: number | null): SubgraphContext => ({
    caller: userId === null ? null : callerFor(userId),
    userId,
    requestId: 'abc',
    deadline: null,
    idempotencyKey: null,
    log: recordingLogger().log,
  });

  it('answers the signed-in caller’s id', () => {
    expect(requireUser(contextOf(7))).toBe(7);
  });

  it('refuses an anonymous caller with UNAUTHENTICATED', () => {
    const refuse = () => requireUser(contextOf(null));
    expect(refuse).toThrow(DomainError);
    expect(refuse).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED', message: 'You must be signed in' }));
  });
});

describe('requireCaller', () => {
  it('answers the signed-in caller with their account key', () => {
    const caller = callerFor(7);
    expect(requireCaller({ caller, userId: 7, requestId: 'abc', deadline: null, idempotencyKey: null, log: recordingLogger().log })).toBe(
      caller,
    );
  });

  it('refuses an anonymous caller with UNAUTHENTICATED', () => {
    const refuse = () =>
      requireCaller({ caller: null, userId: null, requestId: 'abc', deadline: null, idempotencyKey: null, log: recordingLogger().log });
    expect(refuse).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED', message: 'You must be signed in' }));
  });
});
