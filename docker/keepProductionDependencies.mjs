// Run in an image's dependency stage after `npm ci --omit=dev --workspace <name>...`, with the same names:
// `node docker/keepProductionDependencies.mjs @ledgerline/router`. npm ci installs every workspace's
// dependencies whatever --workspace says, so this removes each package in node_modules that the named
// workspaces do not need at run time (npm ls of those workspaces, production only), and then the parts of
// the Prisma client's runtime that a PostgreSQL client never loads: a query compiler for every other
// database, and source maps.
import { execFileSync } from 'node:child_process';
import console from 'node:console';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const workspaces = process.argv.slice(2);
if (workspaces.length === 0) {
  console.error('usage: node docker/keepProductionDependencies.mjs <workspace>...');
  process.exit(2);
}

/** @returns {Set<string>} the install paths of every package the named workspaces need in production */
function neededPaths() {
  const args = ['ls', '--omit=dev', '--all', '--parseable', '--long', ...workspaces.flatMap((workspace) => ['--workspace', workspace])];
  /** @type {string} */
  let output;
  try {
    output = execFileSync('npm', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (error) {
    // npm ls exits 1 over what it finds amiss (the other workspaces' packages, unmet optional peers) and still lists the tree.
    const { stdout } = /** @type {{ stdout?: string | Buffer }} */ (error);
    output = stdout === undefined ? '' : stdout.toString();
  }
  // Each line is path:name@version, with :EXTRANEOUS after what npm ls still lists though nothing named needs it
  // (another workspace's packages, such as the launcher's embedded PostgreSQL).
  const lines = output.split('\n').filter((line) => line !== '' && !line.endsWith(':EXTRANEOUS'));
  const paths = new Set(lines.map((line) => line.split(':')[0] ?? line));
  if (paths.size < 2) throw new Error(`npm ls found nothing for ${workspaces.join(', ')}`);
  return paths;
}

/** @param {string} nodeModules @returns {string[]} */
function installedPackages(nodeModules) {
  return readdirSync(nodeModules).flatMap((name) => {
    if (name.startsWith('.')) return [];
    if (!name.startsWith('@')) return [path.join(nodeModules, name)];
    return readdirSync(path.join(nodeModules, name)).map((scoped) => path.join(nodeModules, name, scoped));
  });
}

const nodeModules = path.resolve('node_modules');
const needed = neededPaths();
const unneeded = installedPackages(nodeModules).filter((packageDir) => !needed.has(packageDir));
for (const packageDir of unneeded) rmSync(packageDir, { recursive: true, force: true });

const prismaRuntime = path.join(nodeModules, '@prisma', 'client', 'runtime');
const keepsRuntimeFile = (/** @type {string} */ name) =>
  !name.endsWith('.map') &&
  !name.startsWith('wasm-compiler-edge.') &&
  (!name.startsWith('query_compiler_') || name.startsWith('query_compiler_fast_bg.postgresql.'));
let trimmed = 0;
for (const entry of needed.has(path.join(nodeModules, '@prisma', 'client')) ? readdirSync(prismaRuntime, { withFileTypes: true }) : []) {
  if (entry.isFile() && !keepsRuntimeFile(entry.name)) {
    rmSync(path.join(prismaRuntime, entry.name));
    trimmed += 1;
  }
}
console.log(
  `kept ${needed.size} packages for ${workspaces.join(', ')}; removed ${unneeded.length} others and ${trimmed} Prisma runtime files`,
);
