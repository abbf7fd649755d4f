// A subgraph's readiness waits for its schema's migrations: what the check says before, part way and after.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations } from '../src/migrate.js';
import { carriedMigrations, migrationsAppliedCheck, pendingMigrations } from '../src/migrationStatus.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/testDatabase.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function freshDatabase(): Promise<{ database: TestDatabase; pool: pg.Pool }> {
  const database = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 1 });
  cleanups.push(async () => {
    await pool.end();
    await database.drop();
  });
  return { database, pool };
}

describe('migrationsAppliedCheck', () => {
  it('fails naming every carried migration while the schema has none, and passes once they are applied', async () => {
    const { database, pool } = await freshDatabase();
    const check = migrationsAppliedCheck('finance', pool, 'finance');
    const carried = await carriedMigrations('finance');
    expect(carried.length).toBeGreaterThan(1);

    await expect(check.check()).rejects.toThrow(`schema "finance" is waiting for migrations: ${carried.join(', ')}`);

    await applyMigrations({ service: 'finance', databaseUrl: database.url, schema: 'finance' });
    await expect(check.check()).resolves.toBeUndefined();
  });

  it('names only the migrations a schema part way behind still lacks, ignoring a failed attempt', async () => {
    const { database, pool } = await freshDatabase();
    await applyMigrations({ service: 'user', databaseUrl: database.url, schema: 'users' });
    const carried = await carriedMigrations('user');
    const newest = carried.at(-1) ?? '';
    // As if the image were one migration ahead of the database, whose last attempt at it did not finish.
    await database.query(`UPDATE users._prisma_migrations SET finished_at = NULL WHERE migration_name = $1`, [newest]);

    expect(await pendingMigrations('user', pool, 'users')).toEqual([newest]);
    await expect(migrationsAppliedCheck('user', pool, 'users').check()).rejects.toThrow(`waiting for migrations: ${newest}`);
  });

  it('reports a database it cannot reach as the error it is, not as pending migrations', async () => {
    const { pool } = await freshDatabase();
    const unreachable = new pg.Pool({ connectionString: 'postgresql://postgres@127.0.0.1:1/none', connectionTimeoutMillis: 500 });
    cleanups.push(() => unreachable.end());
    await expect(migrationsAppliedCheck('user', unreachable, 'users').check()).rejects.toThrow(/ECONNREFUSED/);
    expect(await pendingMigrations('user', pool, 'users')).toEqual(await carriedMigrations('user'));
  });
});
