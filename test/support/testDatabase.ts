// The one way every test tier gets a PostgreSQL database of its own: a fresh database on the
// server named by TEST_DATABASE_URL or DATABASE_URL, or else a throw-away embedded PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../packages/launcher/src/embeddedPostgres.js';

export interface TestDatabase {
  url: string;
  kind: string;
  query<Row extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<Row[]>;
  drop(): Promise<void>;
}

/** The PostgreSQL server tests may create databases on, or null when they use the embedded one. */
export function postgresServerUrl(): string | null {
  return process.env['TEST_DATABASE_URL'] || process.env['DATABASE_URL'] || null;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = postgresServerUrl();
  return serverUrl ? freshDatabaseOn(serverUrl) : throwAwayEmbeddedDatabase();
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

function withQueries(url: string, kind: string, release: () => Promise<void>): TestDatabase {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  return {
    url,
    kind,
    query: async <Row extends pg.QueryResultRow>(sql: string, values?: unknown[]) => (await pool.query<Row>(sql, values)).rows,
    drop: async () => {
      await pool.end();
      await release();
    },
  };
}

async function freshDatabaseOn(serverUrl: string): Promise<TestDatabase> {
  const name = `ledgerline_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return withQueries(url.toString(), `PostgreSQL database ${name} on ${url.host}`, () =>
    onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  );
}

async function throwAwayEmbeddedDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-test-pg-'));
  const embedded = await startEmbeddedPostgres({ dataDir, port: 0 });
  return withQueries(embedded.url, 'embedded PostgreSQL (set TEST_DATABASE_URL or DATABASE_URL to test against a server)', async () => {
    await embedded.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
}
