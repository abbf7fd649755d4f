import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { InvalidTokenError, issueUserToken, signRouterAssertion, verifyRouterAssertion, verifyUserToken } from '../src/index.js';

const SECRET = 'a'.repeat(32);
const OTHER_SECRET = 'b'.repeat(32);

describe('user tokens', () => {
  it('carries the user id and an expiry', () => {
    const claims = verifyUserToken(issueUserToken(42, SECRET, 3600), SECRET);
    expect(claims.userId).toBe(42);
    expect(claims.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3500_000);
  });

  it('refuses a token signed with another secret, an expired one, and one without expiry', () => {
    const expired = jwt.sign({ exp: Math.floor(Date.now() / 1000) - 10 }, SECRET, {
      algorithm: 'HS256', subject: '42', issuer: 'ledgerline-user', audience: 'ledgerline',
    });
    const forever = jwt.sign({}, SECRET, { algorithm: 'HS256', subject: '42', issuer: 'ledgerline-user', audience: 'ledgerline' });
    expect(() => verifyUserToken(issueUserToken(42, OTHER_SECRET, 60), SECRET)).toThrow(InvalidTokenError);
    expect(() => verifyUserToken(expired, SECRET)).toThrow('token expired');
    expect(() => verifyUserToken(forever, SECRET)).toThrow(InvalidTokenError);
  });

  it('refuses a router assertion presented as a user token, and the other way round', () => {
    const assertion = signRouterAssertion({ userId: 42, requestId: 'r' }, SECRET);
    expect(() => verifyUserToken(assertion, SECRET)).toThrow(InvalidTokenError);
    expect(() => verifyRouterAssertion(issueUserToken(42, SECRET, 60), SECRET)).toThrow(InvalidTokenError);
  });
});

describe('router assertions', () => {
  it('carry the caller and the request id, or no caller for anonymous requests', () => {
    expect(verifyRouterAssertion(signRouterAssertion({ userId: 7, requestId: 'abc' }, SECRET), SECRET)).toEqual({ userId: 7, requestId: 'abc' });
    expect(verifyRouterAssertion(signRouterAssertion({ userId: null, requestId: 'abc' }, SECRET), SECRET)).toEqual({ userId: null, requestId: 'abc' });
  });

  it('refuse another key and algorithm "none"', () => {
    const none = jwt.sign({ sub: '7' }, '', { algorithm: 'none', issuer: 'ledgerline-router', audience: 'ledgerline-subgraphs', expiresIn: 60 });
    expect(() => verifyRouterAssertion(signRouterAssertion({ userId: 7, requestId: 'x' }, OTHER_SECRET), SECRET)).toThrow(InvalidTokenError);
    expect(() => verifyRouterAssertion(none, SECRET)).toThrow(InvalidTokenError);
  });
});
