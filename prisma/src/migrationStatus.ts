// Whether a service's PostgreSQL schema has every migration this build carries. A subgraph is not
// ready until it has: in a deployment the migration job runs beside the new pods, and a pod of the new
// release must not take traffic against the old schema.
import { migrationNames } from './migrationFiles.js';
import { migrationsDirectory, type ServiceName } from './servicePaths.js';

/** The part of a pg Pool (or Client) this needs. */
export interface Queryable {
  query(text: string): Promise<{ rows: unknown[] }>;
}

/** Shaped as a subgraph's readiness check (service-runtime's ReadinessCheck): it throws while not ready. */
export interface MigrationsAppliedCheck {
  name: string;
  check: () => Promise<void>;
}

/** PostgreSQL's undefined_table: no migration has ever run in the schema. */
const UNDEFINED_TABLE = '42P01';

/** The names of the migration folders this build carries for `service`, oldest first. */
export function carriedMigrations(service: ServiceName): Promise<string[]> {
  return migrationNames(migrationsDirectory(service));
}

/** The carried migrations `schema` has not finished, oldest first; empty when it is up to date. */
export async function pendingMigrations(service: ServiceName, database: Queryable, schema: string): Promise<string[]> {
  const carried = await carriedMigrations(service);
  const applied = await appliedMigrations(database, schema);
  return carried.filter((name) => !applied.has(name));
}

async function appliedMigrations(database: Queryable, schema: string): Promise<Set<string>> {
  try {
    const { rows } = await database.query(
      `SELECT migration_name FROM "${schema.replaceAll('"', '""')}"._prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    return new Set(rows.map((row) => (row as { migration_name: string }).migration_name));
  } catch (error) {
    if ((error as { code?: unknown }).code === UNDEFINED_TABLE) return new Set();
    throw error;
  }
}

/**
 * Fails, naming what is missing, until `schema` has every carried migration; then passes without asking
 * again, since migrations are never taken back while the process runs.
 */
export function migrationsAppliedCheck(service: ServiceName, database: Queryable, schema: string): MigrationsAppliedCheck {
  let upToDate = false;
  return {
    name: 'migrations',
    check: async () => {
      if (upToDate) return;
      const pending = await pendingMigrations(service, database, schema);
      if (pending.length > 0) throw new Error(`schema "${schema}" is waiting for migrations: ${pending.join(', ')}`);
      upToDate = true;
    },
  };
}
