// The throw-away database the schema engine replays a service's migrations into, to compare
// them with its schema.prisma. adapter-pg 7.10's own connectToShadowDb creates one but, when its
// pool was configured with a connection string, connects back to the main database instead: the
// migrations get replayed there and the empty shadow is dropped.
//
// No upstream issue found as of 2026-11; to report at prisma/orm: connectToShadowDb opens { ...config, database }, and
// pg lets a connectionString's database win over `database`. When adapter-pg's connectToShadowDb also rewrites the
// connection string, migrationAdapter.ts can use it instead; the current_database() check below must stay for PGlite.
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export interface ShadowDatabase {
  pool: pg.Pool;
  drop(): Promise<void>;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Creates a database beside the one `serverPool` connects to, with the same credentials. */
export async function createShadowDatabase(serverPool: pg.Pool): Promise<ShadowDatabase> {
  const { connectionString } = serverPool.options;
  if (connectionString === undefined) throw new Error('the shadow database needs a connection string to derive its own');
  const name = `prisma_migrate_shadow_db_${randomUUID()}`;
  const url = new URL(connectionString);
  url.pathname = `/${name}`;

  await serverPool.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
  const pool = new pg.Pool({ ...serverPool.options, connectionString: url.toString() });
  const drop = async () => {
    await pool.end();
    await serverPool.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`);
  };

  // Embedded PGlite serves its one database whatever name a client asks for, so "the shadow"
  // would be the real database, and the engine would replay every migration into it.
  const { rows } = await pool.query<{ name: string }>('SELECT current_database() AS name');
  if (rows[0]?.name !== name) {
    await drop();
    throw new Error(
      `this server cannot host a shadow database (asked for "${name}", got "${rows[0]?.name}"); ` +
        'point SHADOW_DATABASE_URL at a PostgreSQL server',
    );
  }
  return { pool, drop };
}
