// Development tool: writes a service's next migration from what its schema.prisma adds to the
// existing migrations, as `prisma migrate dev --create-only` does; writes nothing if nothing.
//
//   npm run migration:create -w prisma -- <user|finance> <name>
//
// Needs a PostgreSQL server for the throw-away shadow database: SHADOW_DATABASE_URL, or else
// DATABASE_URL (any database on that server; only the shadow database is written to). Embedded
// PGlite cannot serve: it has a single database.
import path from 'node:path';
import { writeMigration } from './migrationFiles.js';
import { schemaChangesSinceMigrations } from './schemaChanges.js';
import { isServiceName, migrationsDirectory, prismaSchemaPath, serviceNames } from './servicePaths.js';

/** Prisma names migration folders after the UTC time: 20250131235959_name. */
function migrationTimestamp(now: Date): string {
  return now.toISOString().replace(/\D/g, '').slice(0, 14);
}

async function createMigration(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const [service, name] = args;
  if (service === undefined || !isServiceName(service) || name === undefined || !/^\w+$/.test(name)) {
    throw new Error(`usage: create-migration <${serviceNames.join('|')}> <name: letters, digits, _>`);
  }
  const shadowServerUrl = env['SHADOW_DATABASE_URL'] || env['DATABASE_URL'];
  if (!shadowServerUrl) throw new Error('set SHADOW_DATABASE_URL or DATABASE_URL: a PostgreSQL server for the shadow database');

  const migrationsDir = migrationsDirectory(service);
  const script = await schemaChangesSinceMigrations({
    schemaPath: prismaSchemaPath(service),
    migrationsDir,
    shadowServerUrl,
  });
  if (script === undefined) {
    console.log(`${service}: schema.prisma adds nothing to the migrations; no migration created`);
    return;
  }
  const migrationName = `${migrationTimestamp(new Date())}_${name}`;
  const scriptPath = await writeMigration({ migrationsDir, migrationName, script });
  console.log(`created ${path.relative(process.cwd(), scriptPath)}`);
}

createMigration(process.argv.slice(2), process.env).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
