// A PostgreSQL cluster of a test's own (initdb and pg_ctl), on a port and socket directory of its
// own, that the test restarts as a fault without touching the cluster other tests share.
// PostgreSQL refuses to run as root, so as root (CI) every command runs as the postgres OS user.
import { execFile, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './freePort.js';

const POSTGRES_OS_USER = 'postgres';
const INSTALLATIONS = '/usr/lib/postgresql';
const COMMAND_TIMEOUT_MS = 30_000;

export interface PrivatePostgresCluster {
  /** The cluster's `postgres` database, as its superuser (trust authentication, loopback only). */
  url: string;
  /** `pg_ctl restart -m fast`: open connections are ended, the server is back when it resolves. */
  restart(): Promise<void>;
  /** `pg_ctl stop -m immediate`, then its directory is removed. */
  remove(): Promise<void>;
}

/** The newest installed version's bin directory with both initdb and pg_ctl, or null. */
function binDirectory(): string | null {
  if (!existsSync(INSTALLATIONS)) return null;
  const newestFirst = readdirSync(INSTALLATIONS).sort((a, b) => Number(b) - Number(a));
  const version = newestFirst.find((name) => ['initdb', 'pg_ctl'].every((tool) => existsSync(join(INSTALLATIONS, name, 'bin', tool))));
  return version === undefined ? null : join(INSTALLATIONS, version, 'bin');
}

const runningAsRoot = () => process.getuid?.() === 0;

/** Why no private cluster can be started here, or null when one can. */
export function privateClusterUnavailableBecause(): string | null {
  if (process.platform !== 'linux') return 'a private PostgreSQL cluster is only set up on Linux';
  if (binDirectory() === null) return `no initdb and pg_ctl under ${INSTALLATIONS}/<version>/bin`;
  if (userInfo().username === POSTGRES_OS_USER) return null;
  if (!runningAsRoot()) return `PostgreSQL runs as the ${POSTGRES_OS_USER} OS user: run the tests as root or as ${POSTGRES_OS_USER}`;
  if (spawnSync('id', ['-u', POSTGRES_OS_USER]).status !== 0) return `there is no ${POSTGRES_OS_USER} OS user`;
  return null;
}

export const canStartPrivateCluster = (): boolean => privateClusterUnavailableBecause() === null;

const idOf = (flag: '-u' | '-g') => Number(spawnSync('id', [flag, POSTGRES_OS_USER], { encoding: 'utf8' }).stdout.trim());

async function asPostgres(tool: string, args: string[]): Promise<void> {
  const bin = join(binDirectory()!, tool);
  const [command, commandArgs] = runningAsRoot() ? ['runuser', ['-u', POSTGRES_OS_USER, '--', bin, ...args]] : [bin, args];
  await promisify(execFile)(command, commandArgs, { timeout: COMMAND_TIMEOUT_MS });
}

export async function startPrivatePostgresCluster(): Promise<PrivatePostgresCluster> {
  const home = mkdtempSync(join(tmpdir(), 'ledgerline-pg-cluster-'));
  if (runningAsRoot()) chownSync(home, idOf('-u'), idOf('-g'));
  const dataDir = join(home, 'data');
  // The server's output goes to this file: without -l it would hold pg_ctl's pipes, and with them our call, open.
  const logFile = join(home, 'server.log');
  const pgCtl = (...args: string[]) =>
    asPostgres('pg_ctl', ['-D', dataDir, '-l', logFile, ...args]).catch((error: unknown) => {
      throw new Error(`pg_ctl ${args.join(' ')} failed: ${String(error)}\n${logTail(logFile)}`);
    });

  async function remove(): Promise<void> {
    // Not running (never started, or already stopped) is fine: the directory goes either way.
    await pgCtl('-m', 'immediate', '-w', 'stop').catch(() => undefined);
    rmSync(home, { recursive: true, force: true });
  }

  let port: number;
  try {
    await asPostgres('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    // Chosen after initdb, the slow part, so the port has the least time to be taken by another process.
    port = await freePort();
    await pgCtl('-o', `-p ${port} -k ${home} -c listen_addresses=127.0.0.1`, '-w', 'start');
  } catch (error) {
    await remove();
    throw error;
  }

  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    restart: () => pgCtl('-m', 'fast', '-w', 'restart'),
    remove,
  };
}

function logTail(logFile: string): string {
  try {
    return readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no server log)';
  }
}
