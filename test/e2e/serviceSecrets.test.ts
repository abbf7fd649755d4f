// A service started on its own, outside `npm start`, is given its secrets or does not start: it never
// makes one up, so a router and subgraphs started apart cannot each run on secrets of their own.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startServiceProcess } from '../../packages/launcher/src/serviceProcess.js';
import { SERVICE_ENTRY, stackEnvironment } from '../../packages/launcher/src/stack.js';
import { freeStackPorts } from '../support/freePort.js';

const SECRETS_READ: Record<keyof typeof SERVICE_ENTRY, string[]> = {
  user: ['ROUTER_SIGNING_SECRET', 'SERVICE_SIGNING_SECRET', 'JWT_SECRET'],
  finance: ['ROUTER_SIGNING_SECRET', 'SERVICE_SIGNING_SECRET'],
  router: ['JWT_SECRET', 'ROUTER_SIGNING_SECRET', 'SERVICE_SIGNING_SECRET'],
};

/** Long enough for tsx to load the service; a service that got this far without its secrets started. */
const EXIT_DEADLINE_MS = 15_000;

const cleanUps: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanUps.splice(0).map((cleanUp) => cleanUp()));
});

describe('a service started without its secrets', () => {
  it.each(Object.keys(SECRETS_READ) as (keyof typeof SERVICE_ENTRY)[])(
    '%s exits non-zero naming every missing secret, and writes none of its own',
    async (service) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-no-secrets-'));
      const everything = stackEnvironment({ databaseUrl: inject('databaseUrl'), ports: await freeStackPorts() });
      const { JWT_SECRET: _jwt, ROUTER_SIGNING_SECRET: _router, SERVICE_SIGNING_SECRET: _service, ...withoutSecrets } = everything;
      // Not vitest's NODE_ENV=test nor production: a developer's shell.
      const env = { ...withoutSecrets, NODE_ENV: 'development', LEDGERLINE_DATA_DIR: dataDir, LOG_LEVEL: 'info' };
      const started = startServiceProcess(`${service} without secrets`, SERVICE_ENTRY[service], env, 'pipe');
      cleanUps.push(async () => {
        await started.stop();
        rmSync(dataDir, { recursive: true, force: true });
      });
      let output = '';
      started.child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      started.child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

      const exitCode = await Promise.race([
        started.exited,
        new Promise<string>((resolve) => setTimeout(() => resolve('still running'), EXIT_DEADLINE_MS)),
      ]);

      expect(exitCode).toBe(1);
      for (const name of SECRETS_READ[service]) expect(output).toContain(`${name}: required: set it (openssl rand -base64 32)`);
      expect(readdirSync(dataDir)).toEqual([]);
    },
  );
});
