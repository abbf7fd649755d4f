// The integration tier's set-up: one database for the run, migrated as the launcher migrates it
// (each service in its own schema). Tests build the services in-process against it.
import { applyMigrations } from '@ledgerline/prisma/migrate';
import type { TestProject } from 'vitest/node';
import './providedContext.js';
import { createTestDatabase, type TestDatabase } from './testDatabase.js';

export const SCHEMAS = { user: 'users', finance: 'finance' } as const;

let database: TestDatabase | undefined;

export async function setup(project: TestProject): Promise<void> {
  database = await createTestDatabase();
  process.stdout.write(`integration tests on ${database.kind}\n`);
  await applyMigrations({ service: 'user', databaseUrl: database.url, schema: SCHEMAS.user });
  await applyMigrations({ service: 'finance', databaseUrl: database.url, schema: SCHEMAS.finance });
  project.provide('databaseUrl', database.url);
}

export async function teardown(): Promise<void> {
  await database?.drop();
}
