// Password hashing with Node's scrypt (a memory-hard KDF), stored with its parameters so they can
// be raised later without invalidating existing hashes. Every hash and check takes one of the
// process's hashing slots (passwordHashingSlots.ts), or is refused with SERVICE_BUSY.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { DomainError } from '@ledgerline/service-runtime';
import { DEFAULT_HASHING_LIMITS, hashingSlots, HashingSlotsFull, type PasswordHashingLimits } from './passwordHashingSlots.js';

const KEY_LENGTH = 64;
const CURRENT = { cost: 2 ** 15, blockSize: 8, parallelization: 1 };

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

const withMemoryLimit = (options: { cost: number; blockSize: number; parallelization: number }): ScryptOptions => ({
  ...options,
  maxmem: 256 * options.cost * options.blockSize,
});

/** What the caller is told to wait; a slot frees within a hash's time, so a second is plenty. */
const BUSY_RETRY_AFTER_SECONDS = 1;

// One set of slots per process, as the thread pool that runs scrypt is one per process.
let slots = hashingSlots(DEFAULT_HASHING_LIMITS);

/** Sets the process's bound on hashing (PASSWORD_HASH_CONCURRENCY, PASSWORD_HASH_QUEUE_LENGTH); hashes already admitted finish. */
export function limitPasswordHashing(limits: PasswordHashingLimits): void {
  slots = hashingSlots(limits);
}

async function inSlot<Result>(task: () => Promise<Result>): Promise<Result> {
  try {
    return await slots.run(task);
  } catch (error) {
    if (!(error instanceof HashingSlotsFull)) throw error;
    throw new DomainError('SERVICE_BUSY', `Too many sign-ins at once; try again in ${BUSY_RETRY_AFTER_SECONDS} s`, {
      retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
    });
  }
}

export function hashPassword(password: string): Promise<string> {
  return inSlot(() => newHash(password));
}

export function verifyPassword(password: string, stored: string): Promise<boolean> {
  return inSlot(() => matches(password, stored));
}

async function newHash(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, withMemoryLimit(CURRENT));
  const { cost, blockSize, parallelization } = CURRENT;
  return ['scrypt', cost, blockSize, parallelization, salt.toString('base64'), key.toString('base64')].join('$');
}

async function matches(password: string, stored: string): Promise<boolean> {
  const [scheme, cost, blockSize, parallelization, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || key === undefined) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(
    password,
    Buffer.from(salt, 'base64'),
    withMemoryLimit({ cost: Number(cost), blockSize: Number(blockSize), parallelization: Number(parallelization) }),
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Verified against when the email is unknown, so a failed login takes as long either way. */
export const DECOY_PASSWORD_HASH = await newHash(randomBytes(16).toString('hex'));
