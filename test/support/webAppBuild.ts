// The web app built from its current source into a folder of the test run's own, for the stack's
// router to serve at /app/ (or a static file server, for an app hosted apart from the API): browser
// tests never run against a stale build in clients/web-app/dist.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { repositoryRoot } from '../../packages/launcher/src/serviceProcess.js';

export interface WebAppBuild {
  directory: string;
  remove(): void;
}

export interface WebAppBuildOptions {
  /**
   * The router's origin for an app hosted elsewhere, as `VITE_LEDGERLINE_API_URL` gives it to a
   * build; without it the app calls the origin it is served from. Defined for this build alone, not
   * set in this process's environment, which other builds of the run share.
   */
  apiUrl?: string;
}

export async function buildWebApp(options: WebAppBuildOptions = {}): Promise<WebAppBuild> {
  const directory = mkdtempSync(join(tmpdir(), 'ledgerline-web-app-'));
  const root = join(repositoryRoot, 'clients', 'web-app');
  // Vitest runs with NODE_ENV=test, and Vite takes NODE_ENV over its mode: the tests would get React's
  // development build. The variable is set for the build alone.
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({
      root,
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: directory, emptyOutDir: true },
      ...(options.apiUrl === undefined ? {} : { define: { 'import.meta.env.VITE_LEDGERLINE_API_URL': JSON.stringify(options.apiUrl) } }),
    });
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnv;
  }
  return { directory, remove: () => rmSync(directory, { recursive: true, force: true }) };
}
