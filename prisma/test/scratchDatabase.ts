// A uniquely named database on a real PostgreSQL server, dropped after the test: the server in
// TEST_DATABASE_URL or DATABASE_URL, else the development one on 127.0.0.1:5432.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const postgresServerUrl =
  process.env['TEST_DATABASE_URL'] || process.env['DATABASE_URL'] || 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  url: string;
  query<Row extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<Row[]>;
  drop(): Promise<void>;
}

async function onServer(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: postgresServerUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const name = `ledgerline_prisma_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await onServer(`CREATE DATABASE "${name}"`);
  const url = new URL(postgresServerUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  return {
    url: url.toString(),
    query: async <Row extends pg.QueryResultRow>(sql: string, values?: unknown[]) =>
      (await pool.query<Row>(sql, values)).rows,
    drop: async () => {
      await pool.end();
      await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
