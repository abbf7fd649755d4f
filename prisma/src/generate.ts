// Generates every service's Prisma client (`npm run generate`, run by the root postinstall).
//
// Prisma 7's CLI wants its native schema engine even for `generate`, which does not use it, and
// tries to download it from a host this network cannot reach. Pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any existing executable (Node itself) skips the download.
// No issue asks for generate to skip it as of 2026-11; closest: https://github.com/prisma/orm/issues/28662 (7.0.0
// generate failing to fetch schema-engine). 6.x skipped it with a migrate adapter (PR #27311); 7.10.1 always asks for
// it. Drop the two engine variables when `prisma generate` no longer downloads the schema engine.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { prismaSchemaPath, serviceNames } from './servicePaths.js';

// The CLI's entry is not in the package's exports, so find it through its package.json.
const require = createRequire(import.meta.url);
const prismaCli = path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'index.js');

const offlineEnv: NodeJS.ProcessEnv = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
  PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  // No telemetry or version check: both would wait on a host we cannot reach.
  CHECKPOINT_DISABLE: '1',
};

for (const service of serviceNames) {
  const result = spawnSync(process.execPath, [prismaCli, 'generate', '--schema', prismaSchemaPath(service)], {
    env: offlineEnv,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`prisma generate failed for the ${service} schema (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}
