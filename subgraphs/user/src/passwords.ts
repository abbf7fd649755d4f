// Password hashing with Node's scrypt (a memory-hard KDF), stored with its parameters so they can
// be raised later without invalidating existing hashes.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

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

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, withMemoryLimit(CURRENT));
  const { cost, blockSize, parallelization } = CURRENT;
  return ['scrypt', cost, blockSize, parallelization, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
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
export const DECOY_PASSWORD_HASH = await hashPassword(randomBytes(16).toString('hex'));
