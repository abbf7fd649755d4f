// The repository as the deployment checks see it: its files, its npm workspaces and where each
// workspace's build writes its JavaScript (tsconfig.build.json rootDir -> outDir).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function repositoryPath(relative: string): string {
  return path.join(REPOSITORY_ROOT, relative);
}

export function readRepositoryFile(relative: string): string {
  return readFileSync(repositoryPath(relative), 'utf8');
}

export function repositoryHas(relative: string): boolean {
  return existsSync(repositoryPath(relative));
}

interface PackageManifest {
  name?: string;
  scripts?: Record<string, string>;
  workspaces?: string[];
}

export interface Workspace {
  /** Folder relative to the root, `''` for the root package. */
  directory: string;
  manifest: PackageManifest;
}

function readManifest(directory: string): PackageManifest {
  return JSON.parse(readRepositoryFile(path.join(directory, 'package.json'))) as PackageManifest;
}

/** The root package and every workspace its `workspaces` globs (`dir` or `dir/*`) name. */
export function workspaces(): Workspace[] {
  const root = readManifest('');
  const directories = (root.workspaces ?? []).flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const parent = pattern.slice(0, -2);
    return readdirSync(repositoryPath(parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${parent}/${entry.name}`);
  });
  return [
    { directory: '', manifest: root },
    ...directories
      .filter((directory) => repositoryHas(`${directory}/package.json`))
      .map((directory) => ({ directory, manifest: readManifest(directory) })),
  ];
}

/** A workspace named as npm's `--workspace` takes it: by package name or by folder. */
export function findWorkspace(all: readonly Workspace[], nameOrDirectory: string): Workspace | undefined {
  const folder = nameOrDirectory.replace(/^\.\//, '').replace(/\/$/, '');
  return all.find(
    (workspace) => workspace.directory !== '' && (workspace.manifest.name === nameOrDirectory || workspace.directory === folder),
  );
}

export interface BuildOutput {
  workspace: string;
  rootDir: string;
  outDir: string;
}

/** Where `npm run build` (tsc -b tsconfig.build.json) writes each compiled workspace, from its tsconfig.build.json. */
export function buildOutputs(all: readonly Workspace[]): BuildOutput[] {
  return all
    .filter((workspace) => workspace.directory !== '' && repositoryHas(`${workspace.directory}/tsconfig.build.json`))
    .map((workspace) => {
      // tsconfig files may carry // comments; these carry no other JSON extension.
      const text = readRepositoryFile(`${workspace.directory}/tsconfig.build.json`).replace(/^\s*\/\/.*$/gm, '');
      const options = (JSON.parse(text) as { compilerOptions?: { rootDir?: string; outDir?: string } }).compilerOptions ?? {};
      return {
        workspace: workspace.directory,
        rootDir: path.posix.join(workspace.directory, options.rootDir ?? '.'),
        outDir: path.posix.join(workspace.directory, options.outDir ?? '.'),
      };
    });
}

/**
 * Whether `npm run build` emits `file` (relative to the root): the out folder itself, or a compiled `.js` whose
 * `.ts` source exists under the workspace's rootDir.
 */
export function buildEmits(outputs: readonly BuildOutput[], file: string): boolean {
  return outputs.some(({ rootDir, outDir }) => {
    if (file === outDir) return true;
    if (!file.startsWith(`${outDir}/`)) return false;
    const source = path.posix.join(rootDir, file.slice(outDir.length + 1)).replace(/\.js$/, '.ts');
    return source.endsWith('.ts') && repositoryHas(source);
  });
}
