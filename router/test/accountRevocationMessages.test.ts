// The one contract (@ledgerline/proto) both buses carry a revocation in: what the User service
// writes, the router reads back, and anything else is refused rather than taken for a user id.
import { describe, expect, it } from 'vitest';
import {
  accountRevocationFromJson,
  accountRevocationFromMessage,
  accountRevocationJson,
  messageOfAccountRevocation,
} from '@ledgerline/proto';

describe('account revocations', () => {
  it('reads back what it writes, as JSON on Redis and as the stream message', () => {
    expect(accountRevocationFromJson(accountRevocationJson({ userId: 42 }))).toEqual({ userId: 42 });
    expect(accountRevocationFromMessage(messageOfAccountRevocation({ userId: 2_147_483_647 }))).toEqual({ userId: 2_147_483_647 });
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
  ])('refuses the Redis message %j', (text) => {
    expect(accountRevocationFromJson(text)).toBeNull();
  });

  it('refuses a stream message that names no user: an absent id reads as 0', () => {
    expect(accountRevocationFromMessage({ userId: 0 })).toBeNull();
  });
});
