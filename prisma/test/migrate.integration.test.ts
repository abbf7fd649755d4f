// Applies the committed migrations to fresh databases (on the test PostgreSQL server, or embedded).
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrationFolder, applyMigrations } from '../src/migrate.js';
import { readMigrationList } from '../src/migrationFiles.js';
import { migrationsDirectory, prismaSchemaPath, type ServiceName } from '../src/servicePaths.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/testDatabase.js';

const databases: TestDatabase[] = [];
async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}
afterEach(async () => {
  await Promise.all(databases.splice(0).map((database) => database.drop()));
});

async function tablesBySchema(database: TestDatabase): Promise<Record<string, string[]>> {
  const rows = await database.query<{ schema: string; table: string }>(
    `SELECT table_schema AS schema, table_name AS table FROM information_schema.tables
     WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  const result: Record<string, string[]> = {};
  for (const row of rows) (result[row.schema] ??= []).push(row.table);
  return result;
}

interface MigrationRow {
  id: string;
  migration_name: string;
  checksum: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
}

function migrationRows(database: TestDatabase, schema: string): Promise<MigrationRow[]> {
  return database.query<MigrationRow>(`SELECT * FROM "${schema}"._prisma_migrations ORDER BY migration_name`);
}

async function committedMigrations(service: ServiceName): Promise<Array<{ name: string; checksum: string }>> {
  const list = await readMigrationList(migrationsDirectory(service));
  return list.migrationDirectories.map((directory) => {
    if (directory.migrationFile.content.tag !== 'ok') throw new Error(`unreadable ${directory.path}`);
    return {
      name: directory.path,
      checksum: createHash('sha256').update(directory.migrationFile.content.value).digest('hex'),
    };
  });
}

describe('applyMigrations', () => {
  it('puts each service in its own schema, with nothing in public, when services migrate at once', async () => {
    const database = await freshDatabase();
    await Promise.all([
      applyMigrations({ service: 'user', databaseUrl: database.url, schema: 'users' }),
      applyMigrations({ service: 'finance', databaseUrl: database.url, schema: 'finance' }),
      // A second replica of the same service, starting at the same moment.
      applyMigrations({ service: 'finance', databaseUrl: database.url, schema: 'finance' }),
    ]);

    expect(await tablesBySchema(database)).toEqual({
      finance: [
        '_prisma_migrations',
        'expenses',
        'group_contributions',
        'group_events',
        'idempotent_writes',
        'incomes',
        'savings_goals',
        'savings_group_members',
        'savings_groups',
      ],
      users: ['_prisma_migrations', 'revoked_sessions', 'users'],
    });
  });

  it('records every migration in _prisma_migrations as Prisma does', async () => {
    const database = await freshDatabase();
    await applyMigrations({ service: 'finance', databaseUrl: database.url, schema: 'finance' });

    const rows = await migrationRows(database, 'finance');
    expect(rows.map(({ migration_name, checksum }) => ({ name: migration_name, checksum }))).toEqual(await committedMigrations('finance'));
    for (const row of rows) {
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('changes nothing when applied again', async () => {
    const database = await freshDatabase();
    await applyMigrations({ service: 'user', databaseUrl: database.url, schema: 'users' });
    const before = await migrationRows(database, 'users');
    const tablesBefore = await tablesBySchema(database);

    const log: string[] = [];
    await applyMigrations({ service: 'user', databaseUrl: database.url, schema: 'users', log: (msg) => log.push(msg) });

    expect(await migrationRows(database, 'users')).toEqual(before);
    expect(await tablesBySchema(database)).toEqual(tablesBefore);
    expect(log).toEqual(['user: schema "users" is up to date']);
  });

  it('uses the schema name it is given', async () => {
    const database = await freshDatabase();
    await applyMigrations({ service: 'finance', databaseUrl: database.url, schema: 'Acme Finance' });
    expect(Object.keys(await tablesBySchema(database))).toEqual(['Acme Finance']);
  });
});

describe('applyMigrationFolder', () => {
  async function folderWithUserMigrations(): Promise<{ dir: string; migrationsDir: string; schemaPath: string }> {
    const dir = await mkdtemp(path.join(tmpdir(), 'ledgerline-migrations-'));
    const migrationsDir = path.join(dir, 'migrations');
    await cp(migrationsDirectory('user'), migrationsDir, { recursive: true });
    const schemaPath = path.join(dir, 'schema.prisma');
    await writeFile(schemaPath, await readFile(prismaSchemaPath('user'), 'utf8'));
    return { dir, migrationsDir, schemaPath };
  }

  async function addMigration(migrationsDir: string, name: string, script: string): Promise<void> {
    await mkdir(path.join(migrationsDir, name), { recursive: true });
    await writeFile(path.join(migrationsDir, name, 'migration.sql'), script);
  }

  it('undoes the whole run when a migration fails, and reports the server error', async () => {
    const database = await freshDatabase();
    const { dir, migrationsDir, schemaPath } = await folderWithUserMigrations();
    try {
      await addMigration(migrationsDir, '29990101000000_broken', 'CREATE TABLE "notes" ("id" INT);\nINSERT INTO "notes" VALUES (\'x\');\n');

      await expect(applyMigrationFolder({ schemaPath, migrationsDir, databaseUrl: database.url, schema: 'users' })).rejects.toThrow(
        /invalid input syntax for type integer: "x"/,
      );
      expect(await tablesBySchema(database)).toEqual({});
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('runs a script whole, semicolons inside strings included', async () => {
    const database = await freshDatabase();
    const { dir, migrationsDir, schemaPath } = await folderWithUserMigrations();
    try {
      await addMigration(
        migrationsDir,
        '29990101000000_notes',
        'CREATE TABLE "notes" ("body" TEXT DEFAULT \'a;b\');\nINSERT INTO "notes" VALUES (\'x;y\'), (DEFAULT);\n',
      );
      const applied = await applyMigrationFolder({ schemaPath, migrationsDir, databaseUrl: database.url, schema: 'users' });

      expect(applied.at(-1)).toBe('29990101000000_notes');
      expect(await database.query('SELECT body FROM users.notes ORDER BY body')).toEqual([{ body: 'a;b' }, { body: 'x;y' }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
