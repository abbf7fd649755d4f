// Database schemas of a test file's own, migrated like the shared ones. For tests whose services
// run background work over whole tables (the outbox relay): with schemas of their own, no other
// file's services take or publish their rows.
import { randomBytes } from 'node:crypto';
import { applyMigrations } from '@ledgerline/prisma/migrate';
import { inject } from 'vitest';

export async function freshSchemas(): Promise<{ user: string; finance: string }> {
  const suffix = randomBytes(4).toString('hex');
  const schemas = { user: `users_${suffix}`, finance: `finance_${suffix}` };
  const databaseUrl = inject('databaseUrl');
  await applyMigrations({ service: 'user', databaseUrl, schema: schemas.user });
  await applyMigrations({ service: 'finance', databaseUrl, schema: schemas.finance });
  return schemas;
}
