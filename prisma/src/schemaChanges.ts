// What a schema.prisma adds to its migrations: the SQL of the next migration, or nothing.
// The engine replays the migrations into a throw-away shadow database on the given server and
// compares the result with the schema. The engine's createMigration cannot reach a shadow
// database through a driver adapter; diff can.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { CatalogReadingClient } from './catalogReadingClient.js';
import { migrationAdapterFactory } from './migrationAdapter.js';
import { readMigrationList, withLockfile } from './migrationFiles.js';
import { openSchemaEngine } from './schemaEngine.js';

/** The exit code the engine's diff gives, when asked for one, if the two sides differ. */
const differencesFound = 2;

export async function schemaChangesSinceMigrations(options: {
  schemaPath: string;
  migrationsDir: string;
  /** A PostgreSQL server where a database may be created; only that database is written to. */
  shadowServerUrl: string;
  log?: (msg: string) => void;
}): Promise<string | undefined> {
  const schemaFile = { path: path.basename(options.schemaPath), content: await readFile(options.schemaPath, 'utf8') };
  const migrationsList = withLockfile(await readMigrationList(options.migrationsDir));

  const pool = new pg.Pool({ connectionString: options.shadowServerUrl, max: 1, Client: CatalogReadingClient });
  try {
    // No schema option: the engine then compares in public and the script names no schema, so
    // every deployment applies it to the schema it chooses.
    const engine = await openSchemaEngine({
      schemaFile,
      adapterFactory: migrationAdapterFactory({ pool, insideTransaction: false }),
      ...(options.log === undefined ? {} : { log: options.log }),
    });
    try {
      const diff = await engine.diff({
        from: { tag: 'migrations', ...migrationsList },
        to: { tag: 'schemaDatamodel', files: [schemaFile] },
        script: true,
        exitCode: true,
        filters: { externalTables: [], externalEnums: [] },
      });
      return diff.exitCode === differencesFound && diff.stdout !== null ? diff.stdout : undefined;
    } finally {
      engine.free();
    }
  } finally {
    await pool.end();
  }
}
