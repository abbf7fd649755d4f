// Accounts made the way registration makes them, on the integration database, for tests that
// need a live account (its id and account key) without going through the router.
import { randomBytes } from 'node:crypto';
import { registerAccount } from '../../subgraphs/user/src/accounts.js';
import type { User } from '../../subgraphs/user/src/generated/prisma/client.js';
import { userDatabase } from './serviceDatabases.js';

export async function newAccount(): Promise<User> {
  const suffix = randomBytes(5).toString('hex');
  const { user } = await registerAccount(
    userDatabase(),
    { secret: randomBytes(32).toString('hex'), ttlSeconds: 600 },
    { username: `acct_${suffix}`, email: `acct_${suffix}@example.test`, password: 'long enough password' },
  );
  return user;
}
