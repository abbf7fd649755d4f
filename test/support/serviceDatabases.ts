// Each service's own Prisma client on the integration tier's database, as the service opens it.
import { afterAll, inject } from 'vitest';
import { createFinanceDatabase, type FinanceDatabase } from '../../subgraphs/finance/src/db.js';
import { createUserDatabase, type UserDatabase } from '../../subgraphs/user/src/db.js';
import { SCHEMAS } from './integrationSetup.js';

/** Opened once per test file and closed after it. */
function perFile<Database extends { $disconnect(): Promise<void> }>(open: () => Database): () => Database {
  let database: Database | undefined;
  afterAll(async () => {
    await database?.$disconnect();
  });
  return () => (database ??= open());
}

export const financeDatabase: () => FinanceDatabase = perFile(() => createFinanceDatabase(inject('databaseUrl'), SCHEMAS.finance));
export const userDatabase: () => UserDatabase = perFile(() => createUserDatabase(inject('databaseUrl'), SCHEMAS.user));

/** A user id no other test uses: finance records need no account, only an owner id. */
let lastUserId = 1_000_000 + Math.floor(Math.random() * 1_000_000_000);
export const newUserId = (): number => ++lastUserId;
