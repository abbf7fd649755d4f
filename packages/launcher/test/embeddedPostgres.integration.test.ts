// The embedded PostgreSQL as the services use it: migrated, then written and read by both
// services' Prisma clients at once, each in its own schema, across a restart.
import net from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
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
        users.user.create({ data: { username: 'ada', email: 'ada@example.com', passwordHash: 'scrypt$x' } }),
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
});
