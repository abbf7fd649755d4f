import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.js';

export type FinanceDatabase = PrismaClient;

/** The Prisma client for the Finance service's own PostgreSQL schema; no other service reads it. */
export function createFinanceDatabase(connectionString: string, schema: string): FinanceDatabase {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }, { schema }) });
}
