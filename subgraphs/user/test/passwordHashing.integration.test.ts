// The User service's bound on password hashing, on its own database: a burst of logins larger than
// its slots and queue is answered SERVICE_BUSY at once, while the hashes it took go on to their
// ordinary answers, instead of every login queueing past the router's timeout.
import { randomBytes } from 'node:crypto';
import { DomainError } from '@ledgerline/service-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount } from '../../../test/support/accounts.js';
import { userDatabase } from '../../../test/support/serviceDatabases.js';
import { logIn, registerAccount } from '../src/accounts.js';
import { DEFAULT_HASHING_LIMITS } from '../src/passwordHashingSlots.js';
import { limitPasswordHashing } from '../src/passwords.js';

const tokens = { secret: randomBytes(32).toString('hex'), ttlSeconds: 600 };

/** What each call ended with, in the order they ended. */
async function outcomesInOrder(calls: Promise<unknown>[]): Promise<string[]> {
  const ended: string[] = [];
  await Promise.all(
    calls.map((call) =>
      call.then(
        () => ended.push('OK'),
        (error: unknown) => ended.push(error instanceof DomainError ? error.code : String(error)),
      ),
    ),
  );
  return ended;
}

describe('password hashing at capacity', () => {
  beforeAll(() => limitPasswordHashing({ concurrency: 1, queueLength: 1 }));
  afterAll(() => limitPasswordHashing(DEFAULT_HASHING_LIMITS));

  it('answers the logins past its slots and queue SERVICE_BUSY before any hash finishes, and the rest as usual', async () => {
    const account = await newAccount();
    const wrong = Array.from({ length: 12 }, () => logIn(userDatabase(), tokens, { email: account.email, password: 'wrong password' }));
    const ended = await outcomesInOrder(wrong);
    expect(ended[0]).toBe('SERVICE_BUSY');
    expect(ended.filter((code) => code === 'INVALID_CREDENTIALS').length).toBeGreaterThanOrEqual(2);
    expect(ended.every((code) => code === 'SERVICE_BUSY' || code === 'INVALID_CREDENTIALS')).toBe(true);
  });

  it('tells the caller when to try again, and serves them once the burst is over', async () => {
    const account = await newAccount();
    const attempts = Array.from({ length: 6 }, () => logIn(userDatabase(), tokens, { email: account.email, password: 'wrong' }));
    const refusals = (await Promise.allSettled(attempts)).flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    const busy = refusals.find((error) => error instanceof DomainError && error.code === 'SERVICE_BUSY') as DomainError | undefined;
    expect(busy?.details).toEqual({ retryAfterSeconds: 1 });
    expect(busy?.message).toContain('try again');

    const session = await logIn(userDatabase(), tokens, { email: account.email, password: 'long enough password' });
    expect(session.user.id).toBe(account.id);
  });

  it('bounds registration the same way', async () => {
    const registrations = Array.from({ length: 8 }, () => {
      const suffix = randomBytes(5).toString('hex');
      return registerAccount(userDatabase(), tokens, {
        username: `hb_${suffix}`,
        email: `hb_${suffix}@example.test`,
        password: 'long enough password',
      });
    });
    const ended = await outcomesInOrder(registrations);
    expect(ended).toContain('SERVICE_BUSY');
    expect(ended.every((code) => code === 'SERVICE_BUSY' || code === 'OK')).toBe(true);
  });
});
