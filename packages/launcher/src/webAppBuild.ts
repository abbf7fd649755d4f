// `npm start` from source serves the web app as its source is now: it builds the app into
// clients/web-app/dist, where the router looks by default, whenever that build is missing or older
// than a file it is built from. The compiled launcher (`npm run start:built`, the images) serves
// what `npm run build` built and never builds anything itself.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repositoryRoot } from './serviceProcess.js';

/** The build's entry page: written last by Vite, and gone while a build empties dist/. */
export const WEB_APP_BUILD_INDEX = join(repositoryRoot, 'clients/web-app/dist/index.html');

/** What the build is made from: the app, and the SDK's source (its generated types included). */
export const WEB_APP_SOURCES = [
  'clients/web-app/src',
  'clients/web-app/index.html',
  'clients/web-app/vite.config.ts',
  'clients/web-app/package.json',
  'clients/web-sdk/src',
].map((path) => join(repositoryRoot, path));

/** Why the build whose entry page is `builtIndex` must be made again, or null when it is current. */
export function webAppBuildStaleness(builtIndex: string, sources: readonly string[]): string | null {
  const builtAt = modifiedAt(builtIndex);
  if (builtAt === null) return 'no build yet';
  for (const source of sources) {
    const changed = newestFileUnder(source);
    if (changed !== null && changed.modifiedAt > builtAt) return `${relative(repositoryRoot, changed.path)} changed since the last build`;
  }
  return null;
}

function modifiedAt(path: string): number | null {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/** The most recently modified file at or under `path` (null when there is none). */
function newestFileUnder(path: string): { path: string; modifiedAt: number } | null {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return null;
  }
  if (!stats.isDirectory()) return { path, modifiedAt: stats.mtimeMs };
  let newest: { path: string; modifiedAt: number } | null = null;
  for (const entry of readdirSync(path)) {
    const candidate = newestFileUnder(join(path, entry));
    if (candidate !== null && (newest === null || candidate.modifiedAt > newest.modifiedAt)) newest = candidate;
  }
  return newest;
}

export interface BuildLog {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * Builds the app with its own build script when the build is stale. A failed build does not stop
 * the stack (the API is still worth having): it is reported, with Vite's output, and /app/ serves
 * whatever build there was.
 */
export async function buildWebAppWhenStale(log: BuildLog): Promise<void> {
  const reason = webAppBuildStaleness(WEB_APP_BUILD_INDEX, WEB_APP_SOURCES);
  if (reason === null) return;
  const started = performance.now();
  const { exitCode, output } = await runWebAppBuild();
  const took = `${((performance.now() - started) / 1000).toFixed(1)} s`;
  if (exitCode === 0) {
    log.info(`built the web app into clients/web-app/dist in ${took} (${reason})`);
    return;
  }
  log.warn(`could not build the web app (${reason}), so /app/ serves the previous build if any:\n${output}`);
}

function runWebAppBuild(): Promise<{ exitCode: number | null; output: string }> {
  return new Promise((resolve) => {
    const build = spawn('npm', ['run', 'build', '--workspace', '@ledgerline/web-app'], {
      cwd: repositoryRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => (output += chunk.toString());
    build.stdout.on('data', keep);
    build.stderr.on('data', keep);
    build.once('error', (error) => resolve({ exitCode: null, output: error.message }));
    build.once('close', (exitCode) => resolve({ exitCode, output }));
  });
}
