import jwt from 'jsonwebtoken';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { thrownBy } from '../../../test/support/thrown.js';
import {
  InvalidTokenError,
  issueUserToken,
  ROUTER_ASSERTION_HEADER,
  secretSchema,
  signRouterAssertion,
  signServiceCredential,
  verifyRouterAssertion,
  verifyServiceCredential,
  verifyUserToken,
} from '../src/index.js';

const SECRET = 'a'.repeat(32);
const OTHER_SECRET = 'b'.repeat(32);
const KEY = '3f0c8e1a-5b7d-4c2e-9a61-0d4b8f2c7e19';
const SESSION = '9b2d4f6a-1c3e-4a5b-8d7f-0e2a4c6b8d1f';
const ALICE = { userId: 42, accountKey: KEY, sessionId: SESSION };
const SEVEN = { userId: 7, accountKey: KEY, sessionId: SESSION };

describe('user tokens', () => {
  it('carries the user id, the account key, the session id and an expiry', () => {
    const claims = verifyUserToken(issueUserToken(ALICE, SECRET, 3600), SECRET);
    expect(claims).toMatchObject(ALICE);
    expect(claims.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3500_000);
  });

  it('refuses a token signed with another secret, an expired one, and one without expiry', () => {
    const expired = jwt.sign({ exp: Math.floor(Date.now() / 1000) - 10 }, SECRET, {
      algorithm: 'HS256',
      subject: '42',
      issuer: 'ledgerline-user',
      audience: 'ledgerline',
    });
    const forever = jwt.sign({}, SECRET, { algorithm: 'HS256', subject: '42', issuer: 'ledgerline-user', audience: 'ledgerline' });
    expect(() => verifyUserToken(issueUserToken(ALICE, OTHER_SECRET, 60), SECRET)).toThrow(InvalidTokenError);
    expect(() => verifyUserToken(expired, SECRET)).toThrow('token expired');
    expect(() => verifyUserToken(forever, SECRET)).toThrow(InvalidTokenError);
  });

  it('refuses a router assertion presented as a user token, and the other way round', () => {
    const assertion = signRouterAssertion({ caller: ALICE, requestId: 'r' }, SECRET);
    expect(() => verifyUserToken(assertion, SECRET)).toThrow(InvalidTokenError);
    expect(() => verifyRouterAssertion(issueUserToken(ALICE, SECRET, 60), SECRET)).toThrow(InvalidTokenError);
  });
});

describe('router assertions', () => {
  it('carry the caller and the request id, or no caller for anonymous requests', () => {
    expect(verifyRouterAssertion(signRouterAssertion({ caller: SEVEN, requestId: 'abc' }, SECRET), SECRET)).toEqual({
      caller: SEVEN,
      requestId: 'abc',
    });
    expect(verifyRouterAssertion(signRouterAssertion({ caller: null, requestId: 'abc' }, SECRET), SECRET)).toEqual({
      caller: null,
      requestId: 'abc',
    });
  });

  it('refuse another key and algorithm "none"', () => {
    const none = jwt.sign({ sub: '7' }, '', {
      algorithm: 'none',
      issuer: 'ledgerline-router',
      audience: 'ledgerline-subgraphs',
      expiresIn: 60,
    });
    expect(() => verifyRouterAssertion(signRouterAssertion({ caller: SEVEN, requestId: 'x' }, OTHER_SECRET), SECRET)).toThrow(
      InvalidTokenError,
    );
    expect(() => verifyRouterAssertion(none, SECRET)).toThrow(InvalidTokenError);
  });
});

const NOW_SECONDS = () => Math.floor(Date.now() / 1000);
const ROUTER_CLAIMS = { algorithm: 'HS256', issuer: 'ledgerline-router', audience: 'ledgerline-subgraphs' } as const;
const USER_CLAIMS = { algorithm: 'HS256', issuer: 'ledgerline-user', audience: 'ledgerline' } as const;

/** The reason a verifier gives for refusing a token. */
const refusal = (verify: () => unknown): string => thrownBy(verify, InvalidTokenError).reason;

describe('user tokens, refused', () => {
  it('say "token invalid" for another secret, and "token expired" only for an expired one', () => {
    const expired = jwt.sign({ exp: NOW_SECONDS() - 10, accountKey: KEY, sid: SESSION }, SECRET, { ...USER_CLAIMS, subject: '42' });
    expect(refusal(() => verifyUserToken(issueUserToken(ALICE, OTHER_SECRET, 60), SECRET))).toBe('token invalid');
    expect(refusal(() => verifyUserToken(expired, SECRET))).toBe('token expired');
    expect(
      refusal(() => verifyUserToken(jwt.sign({ accountKey: KEY, sid: SESSION }, SECRET, { ...USER_CLAIMS, subject: '42' }), SECRET)),
    ).toBe('token invalid');
  });

  it('refuses a token from another issuer or for another audience', () => {
    const otherIssuer = jwt.sign({ accountKey: KEY, sid: SESSION }, SECRET, {
      ...USER_CLAIMS,
      issuer: 'someone-else',
      subject: '42',
      expiresIn: 60,
    });
    const otherAudience = jwt.sign({ accountKey: KEY, sid: SESSION }, SECRET, {
      ...USER_CLAIMS,
      audience: 'someone-else',
      subject: '42',
      expiresIn: 60,
    });
    expect(refusal(() => verifyUserToken(otherIssuer, SECRET))).toBe('token invalid');
    expect(refusal(() => verifyUserToken(otherAudience, SECRET))).toBe('token invalid');
  });

  it.each([
    ['without a subject', undefined],
    ['whose subject is not a number', 'admin'],
    ['whose subject is zero', '0'],
    ['whose subject does not fit an id', '2147483648'],
  ])('refuses a token %s', (_case, subject) => {
    const token = jwt.sign({ accountKey: KEY, sid: SESSION }, SECRET, {
      ...USER_CLAIMS,
      expiresIn: 60,
      ...(subject === undefined ? {} : { subject }),
    });
    expect(refusal(() => verifyUserToken(token, SECRET))).toBe('token invalid');
  });

  it.each([
    ['without an account key, as tokens issued before keys were', { sid: SESSION }],
    ['whose account key is not a UUID', { accountKey: '1', sid: SESSION }],
    ['whose account key is not text', { accountKey: 42, sid: SESSION }],
    ['without a session id, as tokens issued before sessions were: it could not be logged out alone', { accountKey: KEY }],
    ['whose session id is not a UUID', { accountKey: KEY, sid: 'session-1' }],
    ['whose session id is not text', { accountKey: KEY, sid: 7 }],
  ])('refuses a token %s', (_case, claims) => {
    const token = jwt.sign(claims, SECRET, { ...USER_CLAIMS, expiresIn: 60, subject: '42' });
    expect(refusal(() => verifyUserToken(token, SECRET))).toBe('token invalid');
  });

  it('expires exactly when its exp claim says', () => {
    const token = issueUserToken(ALICE, SECRET, 600);
    const { exp } = jwt.decode(token) as jwt.JwtPayload;
    expect(verifyUserToken(token, SECRET).expiresAt.getTime()).toBe(exp! * 1000);
    expect(exp! - NOW_SECONDS()).toBeGreaterThanOrEqual(599);
    expect(exp! - NOW_SECONDS()).toBeLessThanOrEqual(600);
  });
});

describe('user tokens, verified again', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refuses a token once it has expired, though it passed while it lasted', () => {
    vi.useFakeTimers({ now: new Date('2026-11-25T12:00:00Z') });
    const token = issueUserToken(ALICE, SECRET, 60);
    expect(verifyUserToken(token, SECRET)).toMatchObject(ALICE);
    vi.setSystemTime(new Date('2026-11-25T12:01:00Z'));
    expect(refusal(() => verifyUserToken(token, SECRET))).toBe('token expired');
  });

  it('refuses a token that passed with one secret when presented with another', () => {
    const token = issueUserToken(ALICE, SECRET, 60);
    expect(verifyUserToken(token, SECRET)).toMatchObject(ALICE);
    expect(refusal(() => verifyUserToken(token, OTHER_SECRET))).toBe('token invalid');
  });
});

describe('router assertions, refused', () => {
  it('refuses an expired assertion, even with the right issuer, audience and secret', () => {
    const expired = jwt.sign({ rid: 'r', accountKey: KEY, sid: SESSION, exp: NOW_SECONDS() - 1 }, SECRET, {
      ...ROUTER_CLAIMS,
      subject: '7',
    });
    expect(refusal(() => verifyRouterAssertion(expired, SECRET))).toBe('router assertion invalid');
  });

  it('refuses an assertion without an expiry', () => {
    const forever = jwt.sign({ rid: 'r', accountKey: KEY, sid: SESSION }, SECRET, { ...ROUTER_CLAIMS, subject: '7' });
    expect(refusal(() => verifyRouterAssertion(forever, SECRET))).toBe('router assertion invalid');
  });

  it.each([
    ['a subject that is not a number', { sub: 'admin' }],
    ['a subject of zero', { sub: '0' }],
    ['a subject that does not fit an id', { sub: '2147483648' }],
    ['a numeric rather than textual subject', { sub: 7 }],
    ['a subject but no account key', { sub: '7', accountKey: undefined }],
    ['a subject and account key but no session id', { sub: '7', sid: undefined }],
    ['an account key but no subject', { sub: undefined }],
  ])('refuses an assertion with %s', (_case, claims) => {
    const token = jwt.sign({ rid: 'r', accountKey: KEY, sid: SESSION, ...claims }, SECRET, { ...ROUTER_CLAIMS, expiresIn: 60 });
    expect(refusal(() => verifyRouterAssertion(token, SECRET))).toBe('router assertion invalid');
  });

  it('refuses an assertion from another issuer or for another audience', () => {
    const claims = { rid: 'r', accountKey: KEY, sid: SESSION };
    const otherIssuer = jwt.sign(claims, SECRET, { ...ROUTER_CLAIMS, issuer: 'ledgerline-user', subject: '7', expiresIn: 60 });
    const otherAudience = jwt.sign(claims, SECRET, { ...ROUTER_CLAIMS, audience: 'ledgerline', subject: '7', expiresIn: 60 });
    expect(refusal(() => verifyRouterAssertion(otherIssuer, SECRET))).toBe('router assertion invalid');
    expect(refusal(() => verifyRouterAssertion(otherAudience, SECRET))).toBe('router assertion invalid');
  });

  it('refuses an assertion signed with another HMAC algorithm, though with the same secret', () => {
    const hs512 = jwt.sign({ rid: 'r', accountKey: KEY, sid: SESSION }, SECRET, {
      ...ROUTER_CLAIMS,
      algorithm: 'HS512',
      subject: '7',
      expiresIn: 60,
    });
    expect(refusal(() => verifyRouterAssertion(hs512, SECRET))).toBe('router assertion invalid');
  });

  it('refuses an assertion whose claims were changed after signing, or whose signature has anything added', () => {
    const [header, payload, signature] = signRouterAssertion({ caller: SEVEN, requestId: 'r' }, SECRET).split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const asAlice = Buffer.from(JSON.stringify({ ...claims, sub: '42' })).toString('base64url');
    expect(refusal(() => verifyRouterAssertion(`${header}.${asAlice}.${signature}`, SECRET))).toBe('router assertion invalid');
    expect(refusal(() => verifyRouterAssertion(`${header}.${payload}.${signature}!`, SECRET))).toBe('router assertion invalid');
    expect(refusal(() => verifyRouterAssertion(`${header}.${payload}`, SECRET))).toBe('router assertion invalid');
  });

  it('refuses an assertion not valid before a time still to come', () => {
    const later = jwt.sign({ rid: 'r', accountKey: KEY, sid: SESSION }, SECRET, {
      ...ROUTER_CLAIMS,
      subject: '7',
      expiresIn: 120,
      notBefore: 60,
    });
    expect(refusal(() => verifyRouterAssertion(later, SECRET))).toBe('router assertion invalid');
  });

  it('expires exactly when its exp claim says, as jsonwebtoken reads it', () => {
    vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
    const assertion = signRouterAssertion({ caller: SEVEN, requestId: 'r' }, SECRET);
    vi.setSystemTime(new Date('2026-11-26T12:00:59.999Z'));
    expect(verifyRouterAssertion(assertion, SECRET).caller).toEqual(SEVEN);
    vi.setSystemTime(new Date('2026-11-26T12:01:00Z'));
    expect(refusal(() => verifyRouterAssertion(assertion, SECRET))).toBe('router assertion invalid');
    vi.useRealTimers();
  });

  it('reads an assertion without a request id as an empty one', () => {
    const token = jwt.sign({ rid: 12, accountKey: KEY, sid: SESSION }, SECRET, { ...ROUTER_CLAIMS, subject: '7', expiresIn: 60 });
    expect(verifyRouterAssertion(token, SECRET)).toEqual({ caller: SEVEN, requestId: '' });
  });
});

describe('router assertions, as signed', () => {
  it('travel in a lower-case x- header, as Node presents every incoming header', () => {
    expect(ROUTER_ASSERTION_HEADER).toMatch(/^x-[a-z-]+$/);
  });

  it('are standard HS256 JWTs, which jsonwebtoken verifies with the router secret, issuer and audience', () => {
    const token = signRouterAssertion({ caller: SEVEN, requestId: 'r' }, SECRET);
    expect(jwt.verify(token, SECRET, { ...ROUTER_CLAIMS, algorithms: ['HS256'], complete: true })).toMatchObject({
      header: { alg: 'HS256', typ: 'JWT' },
      payload: { sub: '7', rid: 'r' },
    });
  });

  it('live for one minute, so a leaked header is soon useless', () => {
    const payload = jwt.decode(signRouterAssertion({ caller: SEVEN, requestId: 'r' }, SECRET)) as jwt.JwtPayload;
    expect(payload.exp! - payload.iat!).toBe(60);
  });

  it('name the caller as subject with their account key and session id, and none of them for an anonymous request', () => {
    const signedIn = jwt.decode(signRouterAssertion({ caller: SEVEN, requestId: 'r' }, SECRET)) as jwt.JwtPayload;
    const anonymous = jwt.decode(signRouterAssertion({ caller: null, requestId: 'r' }, SECRET)) as jwt.JwtPayload;
    expect(signedIn).toMatchObject({ sub: '7', accountKey: KEY, sid: SESSION });
    expect(anonymous).not.toHaveProperty('sub');
    expect(anonymous).not.toHaveProperty('accountKey');
    expect(anonymous).not.toHaveProperty('sid');
  });
});

describe('secretSchema', () => {
  it('accepts a signing secret of 32 characters', () => {
    expect(secretSchema.safeParse('s'.repeat(32))).toEqual({ success: true, data: 's'.repeat(32) });
  });

  it('refuses a signing secret of 31 characters, saying how long it must be', () => {
    const result = secretSchema.safeParse('s'.repeat(31));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['must be at least 32 characters']);
  });

  it('refuses the placeholder of a copied example file, long as it is', () => {
    const result = secretSchema.safeParse('change-me-jwt-secret-openssl-rand-base64-48');
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'is the placeholder from an example file: replace it (openssl rand -base64 32)',
    ]);
  });
});

describe('InvalidTokenError', () => {
  it('is an Error named for what it is, whose message is the reason it is safe to show', () => {
    const error = new InvalidTokenError('token expired');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InvalidTokenError');
    expect(error.message).toBe('token expired');
    expect(error.reason).toBe('token expired');
  });
});

describe('service credentials', () => {
  const AUDIENCE = 'ledgerline.user.v1.AccountService';

  it('name the calling service and the user the call acts for, or no user', () => {
    const forUser = signServiceCredential({ caller: 'ledgerline-finance', userId: 42 }, AUDIENCE, SECRET);
    const ownBehalf = signServiceCredential({ caller: 'ledgerline-finance', userId: null }, AUDIENCE, SECRET);
    expect(verifyServiceCredential(forUser, AUDIENCE, SECRET)).toEqual({ caller: 'ledgerline-finance', userId: 42 });
    expect(verifyServiceCredential(ownBehalf, AUDIENCE, SECRET)).toEqual({ caller: 'ledgerline-finance', userId: null });
  });

  it('live for half a minute: one call and its retries', () => {
    const payload = jwt.decode(signServiceCredential({ caller: 'x', userId: 1 }, AUDIENCE, SECRET)) as jwt.JwtPayload;
    expect(payload.exp! - payload.iat!).toBe(30);
  });

  it('are refused when made out to another service, signed with another secret, or expired', () => {
    const credential = signServiceCredential(
      { caller: 'ledgerline-user', userId: 42 },
      'ledgerline.finance.v1.RecordErasureService',
      SECRET,
    );
    const expired = jwt.sign({ exp: NOW_SECONDS() - 1 }, SECRET, { algorithm: 'HS256', issuer: 'x', audience: AUDIENCE, subject: '42' });
    expect(refusal(() => verifyServiceCredential(credential, AUDIENCE, SECRET))).toBe('service credential invalid');
    expect(refusal(() => verifyServiceCredential(credential, 'ledgerline.finance.v1.RecordErasureService', OTHER_SECRET))).toBe(
      'service credential invalid',
    );
    expect(refusal(() => verifyServiceCredential(expired, AUDIENCE, SECRET))).toBe('service credential expired');
  });

  it('are refused without an issuer, without an expiry, or with a subject that is not a user id', () => {
    const claims = { algorithm: 'HS256', audience: AUDIENCE } as const;
    const anonymous = jwt.sign({}, SECRET, { ...claims, expiresIn: 30 });
    const forever = jwt.sign({}, SECRET, { ...claims, issuer: 'x' });
    const badSubject = jwt.sign({}, SECRET, { ...claims, issuer: 'x', subject: 'admin', expiresIn: 30 });
    for (const token of [anonymous, forever, badSubject]) {
      expect(refusal(() => verifyServiceCredential(token, AUDIENCE, SECRET))).toBe('service credential invalid');
    }
  });

  it('are not user tokens, nor router assertions', () => {
    const credential = signServiceCredential({ caller: 'ledgerline-router', userId: 42 }, 'ledgerline', SECRET);
    expect(refusal(() => verifyUserToken(credential, SECRET))).toBe('token invalid');
    expect(refusal(() => verifyServiceCredential(issueUserToken(ALICE, SECRET, 60), AUDIENCE, SECRET))).toBe('service credential invalid');
  });
});
