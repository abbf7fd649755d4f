import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Prisma } from './generated/prisma/client.js';

export type FinanceDatabase = PrismaClient;
/** What queries need: the client itself, or one transaction of it. */
export type FinanceQueries = Prisma.TransactionClient;

/** The Prisma client for the Finance service's own PostgreSQL schema; no other service reads it. */
export function createFinanceDatabase(connectionString: string, schema: string): FinanceDatabase {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }, { schema }) });
}
