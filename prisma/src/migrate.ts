// Applies a service's committed migrations to its own PostgreSQL schema, as
// `prisma migrate deploy` would, through Prisma's WebAssembly schema engine.
// Run directly (`npm run migrate`), it migrates every service, or those named (`migrate.js user`, as
// a deployment's migration job runs it); migrateConfig.ts reads the environment for that.
//
// Differences from `prisma migrate deploy`, all on purpose:
// - One transaction per run: a failing migration undoes the whole run and leaves no failed row
//   in _prisma_migrations to resolve by hand (`prisma migrate resolve` needs the native engine).
//   Statements that cannot run in a transaction (CREATE INDEX CONCURRENTLY) are not supported.
// - The schema comes from the caller, not the URL: migration scripts name no schema, and the
//   transaction's search_path points them at the service's own.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CatalogReadingClient } from './catalogReadingClient.js';
import { migrationTargetsFromEnv } from './migrateConfig.js';

export { migrationTargetsFromEnv, type MigrationTarget } from './migrateConfig.js';
import { migrationAdapterFactory } from './migrationAdapter.js';
import { readMigrationList } from './migrationFiles.js';
import { openSchemaEngine } from './schemaEngine.js';
import { isServiceName, migrationsDirectory, prismaSchemaPath, serviceNames, type ServiceName } from './servicePaths.js';
import { SessionPool } from './sessionPool.js';

/**
 * The key Prisma's engine passes to pg_advisory_lock while it migrates. Taking the same key for
 * the whole transaction serialises us with every other migrator of this database, native Prisma
 * included, so concurrent runs (two services, two replicas) wait for each other.
 */
const prismaMigrateLockKey = 72707369;

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export interface MigrationFolderOptions {
  schemaPath: string;
  migrationsDir: string;
  databaseUrl: string;
  /** The PostgreSQL schema (namespace) that receives the tables and _prisma_migrations. */
  schema: string;
  log?: (msg: string) => void;
}

/** Applies the migrations of any folder; returns the names of those it applied. */
export async function applyMigrationFolder(options: MigrationFolderOptions): Promise<string[]> {
  const log = options.log ?? (() => {});
  const [schemaContent, migrationsList] = await Promise.all([
    readFile(options.schemaPath, 'utf8'),
    readMigrationList(options.migrationsDir),
  ]);

  // One session for the whole run: the transaction, its search_path and the engine's lock all
  // belong to it.
  const pool = new SessionPool({ connectionString: options.databaseUrl, Client: CatalogReadingClient });
  pool.on('error', (error) => log(`migration connection error: ${error.message}`));
  try {
    await pool.query('BEGIN');
    await pool.query('SELECT pg_advisory_xact_lock($1)', [prismaMigrateLockKey]);
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(options.schema)}`);
    // SET LOCAL ends with the transaction, which matters on embedded PGlite, where every
    // connection shares one session.
    await pool.query(`SET LOCAL search_path TO ${quoteIdentifier(options.schema)}`);

    const engine = await openSchemaEngine({
      schemaFile: { path: path.basename(options.schemaPath), content: schemaContent },
      adapterFactory: migrationAdapterFactory({ pool, schema: options.schema, insideTransaction: true }),
      log,
    });
    try {
      const { appliedMigrationNames } = await engine.applyMigrations({
        migrationsList,
        filters: { externalTables: [], externalEnums: [] },
      });
      await pool.query('COMMIT');
      return appliedMigrationNames;
    } finally {
      engine.free();
    }
  } catch (error) {
    await pool.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await pool.end();
  }
}

export async function applyMigrations(options: {
  service: ServiceName;
  databaseUrl: string;
  schema: string;
  log?: (msg: string) => void;
}): Promise<void> {
  const log = options.log ?? (() => {});
  const applied = await applyMigrationFolder({
    schemaPath: prismaSchemaPath(options.service),
    migrationsDir: migrationsDirectory(options.service),
    databaseUrl: options.databaseUrl,
    schema: options.schema,
    log,
  });
  log(
    applied.length === 0
      ? `${options.service}: schema "${options.schema}" is up to date`
      : `${options.service}: applied ${applied.join(', ')} to schema "${options.schema}"`,
  );
}

/** `migrate.js` migrates every service; `migrate.js user` only the ones named. */
function servicesNamedIn(args: string[]): ServiceName[] {
  const unknown = args.filter((arg) => !isServiceName(arg));
  if (unknown.length > 0)
    throw new Error(`Cannot migrate: no service named ${unknown.join(', ')} (the services are ${serviceNames.join(', ')})`);
  return args.length === 0 ? [...serviceNames] : args.filter(isServiceName);
}

async function migrateServices(args: string[]): Promise<void> {
  for (const target of migrationTargetsFromEnv(process.env, servicesNamedIn(args))) {
    await applyMigrations({ ...target, log: (msg) => console.log(msg) });
  }
}

const runDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (runDirectly) {
  migrateServices(process.argv.slice(2)).then(
    // Exits rather than waits: the schema engine leaves a 10 s timer of its own behind (schema_engine_bg.js
    // setTimeout), which would keep a migration job's pod, and every new pod waiting on it, idle that long.
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
