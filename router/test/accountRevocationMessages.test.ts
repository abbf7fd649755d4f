// The one contract (@ledgerline/proto) both buses carry a revocation in: what the User service
// writes, the router reads back, and anything else is refused rather than taken for a user id.
import { describe, expect, it } from 'vitest';
import {
  accountRevocationFromJson,
  accountRevocationFromMessage,
  accountRevocationJson,
  messageOfAccountRevocation,
} from '@ledgerline/proto';

const SESSION = '9b2d4f6a-1c3e-4a5b-8d7f-0e2a4c6b8d1f';

describe('account revocations', () => {
  it('reads back what it writes, as JSON on Redis and as the stream message', () => {
    const everySession = { userId: 42, sessionId: null };
    const oneSession = { userId: 2_147_483_647, sessionId: SESSION };
    for (const revocation of [everySession, oneSession]) {
      expect(accountRevocationFromJson(accountRevocationJson(revocation))).toEqual(revocation);
      expect(accountRevocationFromMessage(messageOfAccountRevocation(revocation))).toEqual(revocation);
    }
  });

  it('reads a message without a session id, or with an empty one, as every session of the account', () => {
    expect(accountRevocationFromJson('{"userId":42}')).toEqual({ userId: 42, sessionId: null });
    expect(accountRevocationFromMessage({ userId: 42, sessionId: '' })).toEqual({ userId: 42, sessionId: null });
  });

  it.each([
    '',
    'not json',
    'null',
    '42',
    '[42]',
    '{}',
    '{"userId":"42"}',
    '{"userId":0}',
    '{"userId":-3}',
    '{"userId":1.5}',
    '{"userId":2147483648}',
    '{"userId":42,"sessionId":7}',
    `{"userId":42,"sessionId":"${'s'.repeat(65)}"}`,
  ])('refuses the Redis message %j', (text) => {
    expect(accountRevocationFromJson(text)).toBeNull();
  });

  it('refuses a stream message that names no user: an absent id reads as 0', () => {
    expect(accountRevocationFromMessage({ userId: 0, sessionId: '' })).toBeNull();
  });
});
