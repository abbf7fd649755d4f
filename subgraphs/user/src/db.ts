import { PrismaPg } from '@prisma/adapter-pg';
import { traceStatements } from '@ledgerline/service-runtime';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client.js';

/** The Prisma client, and the pool under it for the read every request makes (userTable.ts accountOfSession). */
export type UserDatabase = PrismaClient & { readonly pool: pg.Pool; readonly schema: string };

/** The Prisma client for the User service's own PostgreSQL schema; no other service reads it. */
export function createUserDatabase(connectionString: string, schema: string): UserDatabase {
  const pool = new pg.Pool({ connectionString });
  traceStatements(pool, schema);
  // One pool for both, so the raw reads add no connections; $disconnect ends it.
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { schema, disposeExternalPool: true }) });
  return Object.assign(client, { pool, schema });
}
