// The web app built from its current source into a folder of the test run's own, for the stack's
// router to serve at /app/: browser tests never run against a stale build in clients/web-app/dist.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { repositoryRoot } from '../../packages/launcher/src/serviceProcess.js';

export interface WebAppBuild {
  directory: string;
  remove(): void;
}

export async function buildWebApp(): Promise<WebAppBuild> {
  const directory = mkdtempSync(join(tmpdir(), 'ledgerline-web-app-'));
  const root = join(repositoryRoot, 'clients', 'web-app');
  await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: directory, emptyOutDir: true } });
  return { directory, remove: () => rmSync(directory, { recursive: true, force: true }) };
}
