// The embedded PostgreSQL as the services use it: migrated, then written and read by both
// services' Prisma clients at once, each in its own schema, across a restart; reachable by its owner only.
import net from 'node:net';
import { chmod, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { once } from 'node:events';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { applyMigrations } from '@ledgerline/prisma/migrate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient as UserClient } from '../../../subgraphs/user/src/generated/prisma/client.js';
import { PrismaClient as FinanceClient, Prisma } from '../../../subgraphs/finance/src/generated/prisma/client.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/embeddedPostgres.js';

let parentDir: string;
let dataDir: string;

beforeAll(async () => {
  parentDir = await mkdtemp(path.join(tmpdir(), 'ledgerline-embedded-'));
  dataDir = path.join(parentDir, 'postgres');
});
afterAll(async () => {
  await rm(parentDir, { recursive: true, force: true });
});

async function migrated(): Promise<EmbeddedPostgres> {
  const postgres = await startEmbeddedPostgres({ dataDir, port: 0 });
  await Promise.all([
    applyMigrations({ service: 'user', databaseUrl: postgres.url, schema: 'users' }),
    applyMigrations({ service: 'finance', databaseUrl: postgres.url, schema: 'finance' }),
  ]);
  return postgres;
}

/** Every path under `root` whose mode gives its group or others any access. */
async function openToOthers(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true });
  const paths = [root, ...entries.map((entry) => path.join(root, entry))];
  const modes = await Promise.all(paths.map(async (file) => ({ file, mode: (await stat(file)).mode })));
  return modes.filter(({ mode }) => (mode & 0o077) !== 0).map(({ file }) => file);
}

/** What a client sees first after a StartupMessage: the message type and, for 'R', the authentication code. */
async function firstAnswerTo(url: string): Promise<{ type: string; code: number }> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  const parameters = Buffer.from('user\0postgres\0database\0postgres\0\0');
  const startup = Buffer.alloc(8);
  startup.writeInt32BE(8 + parameters.length, 0);
  startup.writeInt32BE(196608, 4);
  socket.write(Buffer.concat([startup, parameters]));
  const [answer] = (await once(socket, 'data')) as [Buffer];
  socket.destroy();
  return { type: answer.toString('latin1', 0, 1), code: answer.readInt32BE(5) };
}

function clientsFor(url: string) {
  return {
    users: new UserClient({ adapter: new PrismaPg({ connectionString: url }, { schema: 'users' }) }),
    finance: new FinanceClient({ adapter: new PrismaPg({ connectionString: url }, { schema: 'finance' }) }),
  };
}

describe('startEmbeddedPostgres', () => {
  it('serves both services their own schema, concurrently, and keeps the data across a restart', { timeout: 60_000 }, async () => {
    let postgres = await migrated();
    let { users, finance } = clientsFor(postgres.url);
    try {
      const [ada] = await Promise.all([
        users.user.create({ data: { username: 'ada', usernameCanonical: 'ada', email: 'ada@example.com', passwordHash: 'scrypt$x' } }),
        finance.income.create({
          data: { userId: 1, amount: new Prisma.Decimal('123456789012.34'), source: 'salary', date: new Date('2024-02-29') },
        }),
        // Interactive transactions from both pools at once: the socket server serialises them.
        ...Array.from({ length: 10 }, (_, i) =>
          finance.$transaction(async (tx) => {
            await tx.expense.create({ data: { userId: 1, amount: '0.10', category: `c${i}`, date: new Date('2024-03-01') } });
            return tx.expense.count();
          }),
        ),
      ]);
      expect(ada.id).toBe(1);
    } finally {
      await Promise.all([users.$disconnect(), finance.$disconnect()]);
      await postgres.stop();
    }

    postgres = await migrated();
    ({ users, finance } = clientsFor(postgres.url));
    try {
      expect(await users.user.findMany({ select: { username: true } })).toEqual([{ username: 'ada' }]);
      const income = await finance.income.findFirstOrThrow();
      expect(income.amount.toFixed(2)).toBe('123456789012.34');
      expect(income.date.toISOString()).toBe('2024-02-29T00:00:00.000Z');
      const expenses = await finance.expense.aggregate({ _sum: { amount: true }, _count: true });
      expect(expenses._count).toBe(10);
      expect(expenses._sum.amount?.toFixed(2)).toBe('1.00');
    } finally {
      await Promise.all([users.$disconnect(), finance.$disconnect()]);
      await postgres.stop();
    }
  });

  it('refuses a data directory that another instance is using', { timeout: 60_000 }, async () => {
    const postgres = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      await expect(startEmbeddedPostgres({ dataDir, port: 0 })).rejects.toThrow(/in use by process/);
    } finally {
      await postgres.stop();
    }
  });

  it('fails, rather than waiting forever, when its port is taken', { timeout: 60_000 }, async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      await expect(startEmbeddedPostgres({ dataDir, port })).rejects.toThrow(/EADDRINUSE/);
      // The failed start released the data directory.
      const postgres = await startEmbeddedPostgres({ dataDir, port: 0 });
      await postgres.stop();
    } finally {
      blocker.close();
    }
  });

  it('asks every connection for the password and refuses a wrong one', { timeout: 60_000 }, async () => {
    const postgres = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      // AuthenticationSASL (10), where PGlite alone answers AuthenticationOk (0) to anyone.
      expect(await firstAnswerTo(postgres.url)).toEqual({ type: 'R', code: 10 });
      const wrong = new URL(postgres.url);
      wrong.password = 'not-the-password';
      const client = new pg.Client({ connectionString: wrong.toString() });
      await expect(client.connect()).rejects.toThrow(/password authentication failed/);
      const owner = new pg.Client({ connectionString: postgres.url });
      await owner.connect();
      expect((await owner.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      await owner.end();
    } finally {
      await postgres.stop();
    }
  });

  it('keeps its data directory readable by its owner only, also one an older version left open', { timeout: 60_000 }, async () => {
    let postgres = await startEmbeddedPostgres({ dataDir, port: 0 });
    await postgres.stop();
    expect(await openToOthers(dataDir)).toEqual([]);

    await chmod(dataDir, 0o755);
    await chmod(path.join(dataDir, 'PG_VERSION'), 0o644);
    await chmod(path.join(dataDir, 'global'), 0o755);
    postgres = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      expect(await openToOthers(dataDir)).toEqual([]);
    } finally {
      await postgres.stop();
    }
  });
});
