// The zero-setup database: PostgreSQL compiled to WebAssembly (PGlite), kept in a data directory
// and served on a TCP port, so the services connect with an ordinary postgresql:// URL.
//
// Only the owner reaches it: the data directory is theirs alone, and the port asks for a password made up at each
// start (passwordGate.ts) before passing a connection to PGlite's socket server on a Unix socket in a 0700 directory.
//
// PGlite is one PostgreSQL session shared by every connection. One connection at a time has it,
// from its query's first message to the end of its transaction (queryCycleOwnership.ts): queries
// and transactions are serialised, never interleaved, and a transaction that waits on another
// connection's query waits until it times out. Session settings (SET, search_path) are shared
// too: services name their schema in every query (PrismaPg's schema option), and migrations use
// SET LOCAL inside their transaction.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { seedDataDirectory } from './clusterTemplate.js';
import { lockDataDirectory } from './dataDirectoryLock.js';
import { restrictToOwner } from './ownerOnly.js';
import { openPasswordGate, type PasswordGate } from './passwordGate.js';
import { withQueryCycleOwnership } from './queryCycleOwnership.js';

export interface EmbeddedPostgres {
  /** postgresql://postgres:<password>@host:port/postgres; any user or database name reaches the one database. */
  url: string;
  stop(): Promise<void>;
}

/**
 * The socket server's default is a single connection: a pool's second one would be turned away ("Too many
 * connections", then closed). Not a bug but the documented default (https://github.com/electric-sql/pglite/pull/980
 * corrected its JSDoc to 1), so this setting stays for as long as services use pools.
 */
const maxConnections = 100;

/**
 * PGLiteSocketServer.start() (0.1.3) never settles when the port cannot be bound: it only rejects
 * for errors raised before it marks itself active, which it does before listening. The error
 * still reaches its 'error' event.
 * Fixed upstream by https://github.com/electric-sql/pglite/pull/972 (fixes #964), released in pglite-socket 0.2.4:
 * delete this and await server.start() directly once we depend on @electric-sql/pglite-socket >= 0.2.4.
 */
async function listen(server: PGLiteSocketServer): Promise<void> {
  let onError: (event: Event) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    onError = (event) => reject((event as CustomEvent<Error>).detail);
    server.addEventListener('error', onError);
  });
  try {
    await Promise.race([server.start(), failed]);
  } finally {
    server.removeEventListener('error', onError);
  }
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export async function startEmbeddedPostgres(options: { dataDir: string; port: number; host?: string }): Promise<EmbeddedPostgres> {
  const host = options.host ?? '127.0.0.1';
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  const unlock = await lockDataDirectory(dataDir);
  // In the system's temporary directory, whatever the data directory's path: a Unix socket's path has at most 107 bytes.
  const socketDir = await mkdtemp(path.join(tmpdir(), 'ledgerline-pg-'));
  const password = randomBytes(24).toString('base64url');

  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  let gate: PasswordGate | undefined;
  const stop = async () => {
    await gate?.close();
    await server?.stop();
    await db?.close();
    await rm(socketDir, { recursive: true, force: true });
    await unlock();
  };
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await seedDataDirectory(dataDir);
    await restrictToOwner(dataDir);
    db = await PGlite.create(dataDir);
    // The files a first start has just created.
    await restrictToOwner(dataDir);
    const innerPath = path.join(socketDir, '.s.PGSQL');
    server = new PGLiteSocketServer({ db: withQueryCycleOwnership(db), path: innerPath, maxConnections });
    await listen(server);
    gate = await openPasswordGate({ host, port: options.port, password, innerPath });
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url: `postgresql://postgres:${password}@${urlHost(host)}:${gate.port}/postgres`,
    stop,
  };
}
