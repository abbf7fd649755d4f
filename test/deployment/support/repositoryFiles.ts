// The repository as the deployment checks see it: its files, its npm workspaces and where each
// workspace's build writes its output (tsconfig.build.json rootDir -> outDir; a Vite app's outDir).
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
  /** tsc: a `.js` for each `.ts` under rootDir. vite: the app's index.html, and assets named by their hash. */
  builtBy: 'tsc' | 'vite';
}

/** Where `npm run build` writes each workspace: tsc -b tsconfig.build.json, then each `build:assets` that runs Vite. */
export function buildOutputs(all: readonly Workspace[]): BuildOutput[] {
  return [...compiledOutputs(all), ...viteOutputs(all)];
}

function compiledOutputs(all: readonly Workspace[]): BuildOutput[] {
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
        builtBy: 'tsc' as const,
      };
    });
}

/** Workspaces whose `build:assets` is `vite build`, into their vite.config.ts's `outDir` (Vite's default: dist). */
function viteOutputs(all: readonly Workspace[]): BuildOutput[] {
  return all
    .filter((workspace) => workspace.directory !== '' && /^vite build\b/.test(workspace.manifest.scripts?.['build:assets'] ?? ''))
    .map((workspace) => {
      const config = repositoryHas(`${workspace.directory}/vite.config.ts`)
        ? readRepositoryFile(`${workspace.directory}/vite.config.ts`)
        : '';
      const outDir = /\boutDir:\s*'([^']+)'/.exec(config)?.[1] ?? 'dist';
      return {
        workspace: workspace.directory,
        rootDir: workspace.directory,
        outDir: path.posix.join(workspace.directory, outDir),
        builtBy: 'vite' as const,
      };
    });
}

/**
 * Whether `npm run build` emits `file` (relative to the root): the out folder itself, a compiled `.js` whose
 * `.ts` source exists under the workspace's rootDir, or a Vite app's index.html from the app's own.
 */
export function buildEmits(outputs: readonly BuildOutput[], file: string): boolean {
  return outputs.some(({ rootDir, outDir, builtBy }) => {
    if (file === outDir) return true;
    if (!file.startsWith(`${outDir}/`)) return false;
    const source = path.posix.join(rootDir, file.slice(outDir.length + 1));
    if (builtBy === 'vite') return source === path.posix.join(rootDir, 'index.html') && repositoryHas(source);
    const typescript = source.replace(/\.js$/, '.ts');
    return typescript.endsWith('.ts') && repositoryHas(typescript);
  });
}
