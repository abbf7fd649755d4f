// A database of its own for every test run: a fresh one on the real PostgreSQL named by
// TEST_DATABASE_URL or DATABASE_URL, or else a throw-away embedded PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../packages/launcher/src/embeddedPostgres.js';
import { freePort } from './freePort.js';

export interface TestDatabase {
  url: string;
  kind: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env['TEST_DATABASE_URL'] || process.env['DATABASE_URL'];
  return serverUrl ? freshDatabaseOn(serverUrl) : throwAwayEmbeddedDatabase();
}

async function freshDatabaseOn(serverUrl: string): Promise<TestDatabase> {
  const name = `ledgerline_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind: `PostgreSQL database ${name} on ${url.host}`,
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

async function throwAwayEmbeddedDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-test-pg-'));
  const embedded = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  return {
    url: embedded.url,
    kind: 'embedded PostgreSQL (set TEST_DATABASE_URL or DATABASE_URL to test against a server)',
    async drop() {
      await embedded.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
