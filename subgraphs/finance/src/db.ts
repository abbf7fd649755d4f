import { PrismaPg } from '@prisma/adapter-pg';
import { traceStatements } from '@ledgerline/service-runtime';
import pg from 'pg';
import { PrismaClient, type Prisma } from './generated/prisma/client.js';

/**
 * The Prisma client, and the pool under it for the hot reads (ownedRecordPages.ts,
 * summaryTotals.ts), where Prisma's query layer cost several times the query itself.
 */
export type FinanceDatabase = PrismaClient & { readonly pool: pg.Pool; readonly schema: string };
/** What queries need: the client itself, or one transaction of it. */
export type FinanceQueries = Prisma.TransactionClient;

/** The Prisma client for the Finance service's own PostgreSQL schema; no other service reads it. */
export function createFinanceDatabase(connectionString: string, schema: string): FinanceDatabase {
  const pool = new pg.Pool({ connectionString });
  traceStatements(pool, schema);
  // One pool for both, so the raw reads add no connections; $disconnect ends it.
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { schema, disposeExternalPool: true }) });
  return Object.assign(client, { pool, schema });
}
