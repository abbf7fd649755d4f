// A new PostgreSQL cluster costs PGlite seconds of initdb in WebAssembly (about 8 s here, against
// 0.7 s to open an existing one): most of a first `npm start`. So an empty cluster is made once, kept
// under node_modules/.cache for this PGlite version, and every new data directory starts as a copy.
// `npm install` makes it ahead of time (`npm run generate` runs makeClusterTemplate.ts).
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { repositoryRoot } from './serviceProcess.js';

async function pgliteVersion(): Promise<string> {
  // Its package.json is not among its exports; it sits above the entry's dist/ folder.
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const manifest = JSON.parse(await readFile(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

const isEmptyOrMissing = (directory: string) =>
  readdir(directory).then(
    (entries) => entries.length === 0,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return true;
      throw error;
    },
  );

/** The empty cluster new data directories are copied from; made on first use. */
export async function clusterTemplate(): Promise<string> {
  const template = path.join(repositoryRoot, 'node_modules', '.cache', 'ledgerline', `pglite-${await pgliteVersion()}-cluster`);
  if (!(await isEmptyOrMissing(template))) return template;
  await mkdir(path.dirname(template), { recursive: true });
  const scratch = await mkdtemp(`${template}-`);
  try {
    await (await PGlite.create(scratch)).close();
    await rename(scratch, template);
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    // Another start made it meanwhile: theirs is as good.
    if (!(await isEmptyOrMissing(template))) return template;
    throw error;
  }
  return template;
}

/** Gives a data directory without a cluster yet (missing or empty) a copy of the empty one. */
export async function seedDataDirectory(dataDir: string): Promise<void> {
  if (!(await isEmptyOrMissing(dataDir))) return;
  await cp(await clusterTemplate(), dataDir, { recursive: true });
}
