// The migration that makes usernames unique regardless of case, run on accounts that already
// collide: one keeps the name, the others get a free numbered suffix, and the new unique index
// then refuses another "ADA".
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrationFolder } from '../src/migrate.js';
import { migrationsDirectory, prismaSchemaPath } from '../src/servicePaths.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/testDatabase.js';

const CASE_INSENSITIVE_USERNAMES = '20261126084837_usernames_unique_regardless_of_case';

let database: TestDatabase;
let dir: string;

beforeEach(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(path.join(tmpdir(), 'ledgerline-username-migration-'));
});

afterEach(async () => {
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

/** Applies the user migrations named before `before` (or all of them), as a deployment would. */
async function migrateUsers(before?: string): Promise<string[]> {
  const migrationsDir = path.join(dir, 'migrations');
  await rm(migrationsDir, { recursive: true, force: true });
  await cp(migrationsDirectory('user'), migrationsDir, {
    recursive: true,
    filter: (source) => before === undefined || !/^\d{14}_/.test(path.basename(source)) || path.basename(source) < before,
  });
  const schemaPath = path.join(dir, 'schema.prisma');
  await writeFile(schemaPath, await readFile(prismaSchemaPath('user'), 'utf8'));
  return applyMigrationFolder({ schemaPath, migrationsDir, databaseUrl: database.url, schema: 'users' });
}

/** Accounts as the old rules let them register: same name but for case, in this order of creation. */
async function insertAccounts(accounts: { username: string; deleting?: boolean }[]): Promise<void> {
  for (const [index, { username, deleting = false }] of accounts.entries()) {
    await database.query(
      `INSERT INTO users.users (username, email, password_hash, created_at, deletion_requested_at)
       VALUES ($1, $2, 'scrypt$x', TIMESTAMPTZ '2026-01-01T00:00:00Z' + $3 * INTERVAL '1 minute', $4)`,
      [username, `account${index}@example.com`, index, deleting ? new Date() : null],
    );
  }
}

const usernamesByEmail = async (): Promise<Record<string, { username: string; canonical: string }>> =>
  Object.fromEntries(
    (
      await database.query<{ email: string; username: string; canonical: string }>(
        'SELECT email, username, username_canonical AS canonical FROM users.users ORDER BY email',
      )
    ).map(({ email, username, canonical }) => [email, { username, canonical }]),
  );

describe(`the ${CASE_INSENSITIVE_USERNAMES} migration`, () => {
  it('keeps a name for its oldest holder and gives every later one the first free "-2", "-3"... suffix', async () => {
    await migrateUsers(CASE_INSENSITIVE_USERNAMES);
    await insertAccounts([
      { username: 'ada' },
      { username: 'ADA' },
      { username: 'Ada' },
      // Already holds the suffix "ADA" would get first, so "ADA" gets "-3" and "Ada" "-4".
      { username: 'ada-2' },
      { username: 'grace' },
    ]);

    expect(await migrateUsers()).toContain(CASE_INSENSITIVE_USERNAMES);

    expect(await usernamesByEmail()).toEqual({
      'account0@example.com': { username: 'ada', canonical: 'ada' },
      'account1@example.com': { username: 'ADA-3', canonical: 'ada-3' },
      'account2@example.com': { username: 'Ada-4', canonical: 'ada-4' },
      'account3@example.com': { username: 'ada-2', canonical: 'ada-2' },
      'account4@example.com': { username: 'grace', canonical: 'grace' },
    });
  });

  it('cuts a 32-character name to fit its suffix, and lets a live account keep a name before one being deleted', async () => {
    const long = 'x'.repeat(32);
    await migrateUsers(CASE_INSENSITIVE_USERNAMES);
    await insertAccounts([{ username: long }, { username: long.toUpperCase() }, { username: 'bob', deleting: true }, { username: 'BOB' }]);

    await migrateUsers();

    expect(await usernamesByEmail()).toEqual({
      'account0@example.com': { username: long, canonical: long },
      'account1@example.com': { username: `${'X'.repeat(30)}-2`, canonical: `${'x'.repeat(30)}-2` },
      'account2@example.com': { username: 'bob-2', canonical: 'bob-2' },
      'account3@example.com': { username: 'BOB', canonical: 'bob' },
    });
  });

  it('leaves a unique index that refuses a name differing only by case', async () => {
    await migrateUsers(CASE_INSENSITIVE_USERNAMES);
    await insertAccounts([{ username: 'ada' }]);
    await migrateUsers();
    await expect(
      database.query(
        `INSERT INTO users.users (username, username_canonical, email, password_hash) VALUES ('ADA', 'ada', 'other@example.com', 'x')`,
      ),
    ).rejects.toThrow(/users_username_canonical_key/);
  });
});
