import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.js';

export type UserDatabase = PrismaClient;

/** The Prisma client for the User service's own PostgreSQL schema; no other service reads it. */
export function createUserDatabase(connectionString: string, schema: string): UserDatabase {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }, { schema }) });
}
