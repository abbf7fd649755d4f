// Hive Gateway (bench/'s own dev dependency) as one process in front of the stack's subgraphs,
// serving the supergraph file, with the gateway configuration beside this file.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startedProcess, type StartedProcess } from '../support/startedProcess.js';

// Its package lives in bench/'s own node_modules (bench/package.json), which the workspace's install does not hold.
const HIVE_BIN = join(fileURLToPath(new URL('..', import.meta.url)), 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');
const CONFIG = fileURLToPath(new URL('./hiveGatewayConfig.ts', import.meta.url));

export interface HiveGatewaySettings {
  supergraphFile: string;
  port: number;
  /** JWT_SECRET and ROUTER_SIGNING_SECRET, as the stack's services have them. */
  secrets: { JWT_SECRET: string; ROUTER_SIGNING_SECRET: string };
  output: 'inherit' | 'ignore';
}

export async function startHiveGateway(settings: HiveGatewaySettings): Promise<StartedProcess> {
  if (!existsSync(HIVE_BIN)) throw new Error(`Hive Gateway is not installed at ${HIVE_BIN}: run npm install --prefix bench`);
  // Without tsx: Hive Gateway loads its TypeScript configuration (and what it imports) itself, as its users run it.
  const args = [HIVE_BIN, 'supergraph', settings.supergraphFile];
  // --fork 1 is its default (one process, as the router is); said here so a changed default cannot change the comparison.
  args.push('--config-path', CONFIG, '--port', String(settings.port), '--host', '127.0.0.1', '--fork', '1');
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...settings.secrets, NODE_ENV: 'production' },
    stdio: ['ignore', settings.output, settings.output],
    detached: true,
  });
  return startedProcess('Hive Gateway', child, `http://127.0.0.1:${settings.port}`, '/readiness');
}
