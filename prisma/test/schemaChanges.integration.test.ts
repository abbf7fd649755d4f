// The engine's diff between a service's migrations and its schema.prisma, with a shadow
// database on a real PostgreSQL server. The embedded PostgreSQL has one database and cannot host
// a shadow, so without TEST_DATABASE_URL or DATABASE_URL these are reported as skipped.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaChangesSinceMigrations } from '../src/schemaChanges.js';
import { migrationsDirectory, prismaSchemaPath, serviceNames } from '../src/servicePaths.js';
import { postgresServerUrl } from '../../test/support/testDatabase.js';

const serverUrl = postgresServerUrl();

describe.skipIf(serverUrl === null)('schemaChangesSinceMigrations (needs a PostgreSQL server)', () => {
  const shadowServerUrl = serverUrl ?? '';
  it.each(serviceNames)('finds the committed %s migrations up to date with schema.prisma', async (service) => {
    const changes = await schemaChangesSinceMigrations({
      schemaPath: prismaSchemaPath(service),
      migrationsDir: migrationsDirectory(service),
      shadowServerUrl,
    });
    expect(changes, 'schema.prisma changed without a migration: run npm run migration:create -w prisma').toBeUndefined();
  });

  it('turns a new field into the next migration, naming no schema', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ledgerline-schema-'));
    try {
      const schema = await readFile(prismaSchemaPath('finance'), 'utf8');
      const schemaPath = path.join(dir, 'schema.prisma');
      await writeFile(schemaPath, schema.replace('model Income {', 'model Income {\n  note String?'));
      await cp(migrationsDirectory('finance'), path.join(dir, 'migrations'), { recursive: true });

      const changes = await schemaChangesSinceMigrations({
        schemaPath,
        migrationsDir: path.join(dir, 'migrations'),
        shadowServerUrl,
      });

      expect(changes).toMatch(/ALTER TABLE "incomes" ADD COLUMN\s+"note" TEXT;/);
      expect(changes).not.toMatch(/finance|SCHEMA/i);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('starts a service with no migrations from an empty database', async () => {
    const changes = await schemaChangesSinceMigrations({
      schemaPath: prismaSchemaPath('user'),
      migrationsDir: path.join(tmpdir(), 'ledgerline-no-migrations-here'),
      shadowServerUrl,
    });
    expect(changes).toMatch(/^-- CreateTable\nCREATE TABLE "users"/);
  });
});
