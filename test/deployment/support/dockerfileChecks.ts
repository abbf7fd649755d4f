// What a reviewer checks in the root Dockerfile, one function per kind of problem; each returns the
// problems found (empty: none), naming the file, line, stage and what is wrong.
import path from 'node:path';
import {
  copyOperands,
  healthcheckCommand,
  keyValuePairs,
  stageEnvironment,
  stageNamed,
  stageWorkdir,
  type Dockerfile,
  type Instruction,
  type Stage,
} from './dockerfile.js';
import type { IgnoreRules } from './ignoreFiles.js';
import { buildEmits, findWorkspace, repositoryHas, type BuildOutput, type Workspace } from './repositoryFiles.js';
import { isSecretVariable } from './secretVariables.js';

/** The repository as a build context: what it holds, what .dockerignore leaves out, what the build emits. */
export interface BuildContext {
  ignore: IgnoreRules;
  workspaces: readonly Workspace[];
  outputs: readonly BuildOutput[];
}

function where(dockerfile: Dockerfile, stage: Stage, instruction: Instruction): string {
  return `${dockerfile.file}:${instruction.line} (stage ${stage.name})`;
}

/** Each shell command of a RUN, split on `&&`, `||`, `;` and `|`, as words. */
function shellCommands(instruction: Instruction): string[][] {
  const script = instruction.exec?.join(' ') ?? instruction.text;
  return script
    .split(/&&|\|\||;|\|/)
    .map((command) => command.trim().split(/\s+/))
    .filter((words) => words[0] !== '');
}

function npmCommands(stage: Stage, subcommands: readonly string[]): { words: string[]; instruction: Instruction }[] {
  return stage.instructions
    .filter((instruction) => instruction.keyword === 'RUN')
    .flatMap((instruction) => shellCommands(instruction).map((words) => ({ words, instruction })))
    .filter(({ words }) => words[0] === 'npm' && subcommands.includes(words[1] ?? ''));
}

/** The values of `--workspace x`, `--workspace=x` and `-w x`. */
function workspaceArguments(words: readonly string[]): string[] {
  return words.flatMap((word, index) => {
    if (word.startsWith('--workspace=')) return [word.slice('--workspace='.length)];
    if (word === '--workspace' || word === '-w') return words[index + 1] === undefined ? [] : [words[index + 1]!];
    return [];
  });
}

const DIGEST = /@sha256:[0-9a-f]{64}$/;

/** Every FROM of an image (not an earlier stage) is pinned by digest, so a rebuild gets the same bytes. */
export function unpinnedBaseImages(dockerfile: Dockerfile): string[] {
  return dockerfile.stages
    .filter((stage, index) => stage.base !== 'scratch' && !dockerfile.stages.slice(0, index).some((earlier) => earlier.name === stage.base))
    .filter((stage) => !DIGEST.test(stage.base))
    .map((stage) => `${where(dockerfile, stage, stage.from)}: FROM ${stage.base} is not pinned by @sha256: digest`);
}

/** Whether the context sends `file` (relative to its root): it exists and .dockerignore keeps it. */
function contextSends(context: BuildContext, file: string): boolean {
  return file === '.' || (repositoryHas(file) && !context.ignore.excludes(file));
}

/** Where `file` (absolute, in the stage) comes from through `COPY sources destination`: the source path it maps to. */
function copiedFrom(file: string, source: string, destination: string): string[] {
  const candidates: string[] = [];
  // A folder's contents land in the destination; a file lands in it (trailing /) or as it.
  if (file === destination || file.startsWith(`${destination}/`))
    candidates.push(path.posix.join(source, path.posix.relative(destination, file)));
  if (file === path.posix.join(destination, path.posix.basename(source))) candidates.push(source);
  return candidates;
}

/**
 * Whether `stage` holds the absolute path `file` once built: through a COPY from the context or another stage,
 * `npm run build` (the build's outputs), `npm ci` (node_modules), or the stage it is built FROM.
 */
export function stageHolds(dockerfile: Dockerfile, stage: Stage, file: string, context: BuildContext): boolean {
  const workdir = stageWorkdir(dockerfile, stage);
  const relative = path.posix.relative(workdir, file);
  const copies = stage.instructions.filter((instruction) => instruction.keyword === 'COPY' || instruction.keyword === 'ADD');
  for (const copy of copies) {
    const { sources, destination } = copyOperands(copy);
    const from = copy.flags.from === undefined ? undefined : stageNamed(dockerfile, copy.flags.from);
    for (const source of sources) {
      for (const mapped of copiedFrom(file, source, path.posix.resolve(workdir, destination))) {
        const held =
          from === undefined
            ? contextSends(context, path.posix.normalize(mapped))
            : stageHolds(dockerfile, from, path.posix.resolve(stageWorkdir(dockerfile, from), mapped), context);
        if (held) return true;
      }
    }
  }
  const builds = npmCommands(stage, ['run']).some(({ words }) => words[2] === 'build');
  if (builds && !relative.startsWith('..') && buildEmits(context.outputs, relative)) return true;
  const installs = npmCommands(stage, ['ci', 'install']).length > 0;
  if (installs && /(^|\/)node_modules(\/|$)/.test(relative)) return true;
  const base = stageNamed(dockerfile, stage.base);
  return base !== undefined && stageHolds(dockerfile, base, file, context);
}

/** Every COPY source exists where it is copied from: in the build context (and not docker-ignored), or in the stage named. */
export function missingCopySources(dockerfile: Dockerfile, context: BuildContext): string[] {
  return dockerfile.stages.flatMap((stage) =>
    stage.instructions
      .filter((instruction) => instruction.keyword === 'COPY' || instruction.keyword === 'ADD')
      .flatMap((copy) => {
        const from = copy.flags.from === undefined ? undefined : stageNamed(dockerfile, copy.flags.from);
        if (copy.flags.from !== undefined && from === undefined)
          return [`${where(dockerfile, stage, copy)}: COPY --from=${copy.flags.from} names no stage`];
        return copyOperands(copy)
          .sources.filter((source) =>
            from === undefined
              ? !contextSends(context, source)
              : !stageHolds(dockerfile, from, path.posix.resolve(stageWorkdir(dockerfile, from), source), context),
          )
          .map((source) =>
            from === undefined
              ? `${where(dockerfile, stage, copy)}: COPY source ${source} is not in the build context (missing, or excluded by .dockerignore)`
              : `${where(dockerfile, stage, copy)}: COPY --from=${from.name} ${source}: stage ${from.name} does not produce it`,
          );
      }),
  );
}

/**
 * Every `npm ci` runs where every workspace's package.json already is. npm ci does not refuse a
 * lockfile naming a workspace whose manifest is missing: it quietly installs nothing of it, and
 * `npm run build` then builds nothing of it either.
 */
export function workspacesMissingAtInstall(dockerfile: Dockerfile, context: BuildContext): string[] {
  return dockerfile.stages.flatMap((stage) =>
    npmCommands(stage, ['ci']).flatMap(({ instruction }) => {
      const beforeInstall = { ...stage, instructions: stage.instructions.slice(0, stage.instructions.indexOf(instruction)) };
      const workdir = stageWorkdir(dockerfile, stage);
      return context.workspaces
        .filter((workspace) => workspace.directory !== '')
        .filter(
          (workspace) => !stageHolds(dockerfile, beforeInstall, path.posix.join(workdir, workspace.directory, 'package.json'), context),
        )
        .map(
          (workspace) =>
            `${where(dockerfile, stage, instruction)}: npm ci runs without ${workspace.directory}/package.json, so it installs nothing of that workspace`,
        );
    }),
  );
}

/** Every `npm run <script>` names a script of the package it runs in, and every `--workspace` a workspace. */
export function unknownNpmScripts(dockerfile: Dockerfile, context: BuildContext): string[] {
  const root = context.workspaces.find((workspace) => workspace.directory === '')!;
  return dockerfile.stages.flatMap((stage) =>
    npmCommands(stage, ['run', 'ci', 'install']).flatMap(({ words, instruction }) => {
      const named = workspaceArguments(words);
      const unknown = named.filter((name) => findWorkspace(context.workspaces, name) === undefined);
      const problems = unknown.map(
        (name) => `${where(dockerfile, stage, instruction)}: npm ${words[1]} --workspace ${name}: no such workspace`,
      );
      if (words[1] !== 'run') return problems;
      const script = words[2] ?? '';
      const packages = named.length === 0 ? [root] : named.flatMap((name) => findWorkspace(context.workspaces, name) ?? []);
      for (const workspace of packages) {
        if (workspace.manifest.scripts?.[script] === undefined) {
          problems.push(
            `${where(dockerfile, stage, instruction)}: npm run ${script}: no such script in ${workspace.directory || '.'}/package.json`,
          );
        }
      }
      return problems;
    }),
  );
}

/** The instructions of a stage and of the stages it is built FROM, nearest last. */
function inheritedInstructions(dockerfile: Dockerfile, stage: Stage): Instruction[] {
  const base = stageNamed(dockerfile, stage.base);
  return [...(base === undefined ? [] : inheritedInstructions(dockerfile, base)), ...stage.instructions];
}

/** What a container of `target` runs: its CMD and ENTRYPOINT, and its HEALTHCHECK's command. */
function commandsOf(dockerfile: Dockerfile, target: Stage): { what: string; words: string[]; instruction: Instruction }[] {
  const instructions = inheritedInstructions(dockerfile, target);
  return ['ENTRYPOINT', 'CMD', 'HEALTHCHECK'].flatMap((keyword) => {
    const instruction = instructions.filter((candidate) => candidate.keyword === keyword).at(-1);
    if (instruction === undefined) return [];
    const words = keyword === 'HEALTHCHECK' ? healthcheckCommand(instruction) : (instruction.exec ?? ['/bin/sh', '-c', instruction.text]);
    return words === undefined ? [] : [{ what: keyword, words, instruction }];
  });
}

const SCRIPT_PATH = /^(?!\/)[\w@.-]+(\/[\w@.-]+)*\.(js|mjs|cjs)$/;

/** Whether the image of `target` carries `script` (relative to its WORKDIR), and the build emits it from a source file. */
export function scriptProblems(dockerfile: Dockerfile, target: string, script: string, context: BuildContext): string[] {
  const stage = stageNamed(dockerfile, target);
  if (stage === undefined) return [`${dockerfile.file}: no stage named ${target}`];
  const problems: string[] = [];
  if (!buildEmits(context.outputs, script))
    problems.push(`${dockerfile.file} (stage ${target}): ${script} is not a file the build emits from a source file`);
  if (!stageHolds(dockerfile, stage, path.posix.resolve(stageWorkdir(dockerfile, stage), script), context)) {
    problems.push(`${dockerfile.file} (stage ${target}): the image does not carry ${script}`);
  }
  return problems;
}

/** Every script path a target's CMD, ENTRYPOINT or HEALTHCHECK runs is emitted by the build and carried by the image. */
export function missingEntrypointScripts(dockerfile: Dockerfile, targets: readonly string[], context: BuildContext): string[] {
  return targets.flatMap((target) => {
    const stage = stageNamed(dockerfile, target);
    if (stage === undefined) return [`${dockerfile.file}: no stage named ${target}`];
    return commandsOf(dockerfile, stage).flatMap(({ what, words }) =>
      words
        .filter((word) => SCRIPT_PATH.test(word))
        .flatMap((script) => scriptProblems(dockerfile, target, script, context).map((problem) => `${problem} (${what})`)),
    );
  });
}

const ROOT_USERS = new Set(['root', '0', 'root:root', '0:0']);

/** A runtime target runs as a non-root USER it sets itself, with a HEALTHCHECK and NODE_ENV=production. */
export function runtimeTargetProblems(dockerfile: Dockerfile, targets: readonly string[]): string[] {
  return targets.flatMap((target) => {
    const stage = stageNamed(dockerfile, target);
    if (stage === undefined) return [`${dockerfile.file}: no stage named ${target}`];
    const problems: string[] = [];
    const user = stage.instructions.filter((instruction) => instruction.keyword === 'USER').at(-1);
    if (user === undefined) problems.push(`${dockerfile.file} (stage ${target}): sets no USER, so it runs as its base image's user`);
    else if (ROOT_USERS.has(user.text) || /^0(:|$)/.test(user.text))
      problems.push(`${where(dockerfile, stage, user)}: USER ${user.text} is root`);
    const healthcheck = stage.instructions.filter((instruction) => instruction.keyword === 'HEALTHCHECK').at(-1);
    if (healthcheck === undefined || healthcheckCommand(healthcheck) === undefined)
      problems.push(`${dockerfile.file} (stage ${target}): no HEALTHCHECK`);
    if (stageEnvironment(dockerfile, stage).NODE_ENV !== 'production')
      problems.push(`${dockerfile.file} (stage ${target}): NODE_ENV is not production`);
    return problems;
  });
}

/** The port a target's HEALTHCHECK asks (`process.env.X || 4000` or a literal), and the variable it follows. */
export function healthcheckPort(dockerfile: Dockerfile, target: string): { port: number; variable?: string; path: string } | undefined {
  const stage = stageNamed(dockerfile, target);
  const healthcheck = stage?.instructions.filter((instruction) => instruction.keyword === 'HEALTHCHECK').at(-1);
  const script = healthcheck === undefined ? undefined : healthcheckCommand(healthcheck)?.join(' ');
  const match = script === undefined ? null : /127\.0\.0\.1:(?:' \+ \(process\.env\.(\w+) \|\| (\d+)\) \+ '|(\d+))(\/\w+)/.exec(script);
  if (match === null) return undefined;
  return { port: Number(match[2] ?? match[3]), ...(match[1] === undefined ? {} : { variable: match[1] }), path: match[4]! };
}

/** The ports a target EXPOSEs. */
export function exposedPorts(dockerfile: Dockerfile, target: string): number[] {
  const stage = stageNamed(dockerfile, target);
  return (stage?.instructions ?? [])
    .filter((instruction) => instruction.keyword === 'EXPOSE')
    .flatMap((instruction) => instruction.text.split(/\s+/))
    .map((port) => Number(port.replace(/\/(tcp|udp)$/, '')));
}

/** No ENV or ARG sets a secret: a value would stay in the image's layers and history. */
export function secretBuildSettings(dockerfile: Dockerfile): string[] {
  return dockerfile.stages.flatMap((stage) =>
    stage.instructions
      .filter((instruction) => instruction.keyword === 'ENV' || instruction.keyword === 'ARG')
      .flatMap((instruction) =>
        Object.keys(keyValuePairs(instruction.text))
          .filter(isSecretVariable)
          .map((name) => `${where(dockerfile, stage, instruction)}: ${instruction.keyword} ${name} puts a secret into the image`),
      ),
  );
}

/**
 * The stages a runtime target takes node_modules from install with `--omit=dev`: any COPY --from whose source
 * holds a node_modules folder (the stage's WORKDIR or above, or a node_modules path).
 */
export function devDependenciesInRuntime(dockerfile: Dockerfile, targets: readonly string[]): string[] {
  return targets.flatMap((target) => {
    const stage = stageNamed(dockerfile, target);
    if (stage === undefined) return [`${dockerfile.file}: no stage named ${target}`];
    return inheritedInstructions(dockerfile, stage)
      .filter((instruction) => instruction.keyword === 'COPY' && instruction.flags.from !== undefined)
      .flatMap((copy) => {
        const from = stageNamed(dockerfile, copy.flags.from);
        if (from === undefined) return [];
        const modules = path.posix.join(stageWorkdir(dockerfile, from), 'node_modules');
        const carriesModules = copyOperands(copy).sources.some((source) => {
          const absolute = path.posix.resolve(stageWorkdir(dockerfile, from), source);
          return modules.startsWith(`${absolute}/`) || modules === absolute || absolute.includes('/node_modules');
        });
        if (!carriesModules) return [];
        return [from, ...ancestors(dockerfile, from)]
          .flatMap((source) => npmCommands(source, ['ci', 'install']).map((command) => ({ ...command, source })))
          .filter(
            ({ words }) => !words.includes('--omit=dev') && !(words.includes('--omit') && words[words.indexOf('--omit') + 1] === 'dev'),
          )
          .map(
            ({ instruction, source }) =>
              `${where(dockerfile, source, instruction)}: installs dev dependencies, and stage ${target} copies its node_modules`,
          );
      });
  });
}

function ancestors(dockerfile: Dockerfile, stage: Stage): Stage[] {
  const base = stageNamed(dockerfile, stage.base);
  return base === undefined ? [] : [base, ...ancestors(dockerfile, base)];
}

/** Paths a build context must never send: secrets, local state, installed and built files, history, test output. */
export const PATHS_KEPT_OUT_OF_IMAGES = [
  '.env',
  '.env.local',
  '.env.production',
  'router/.env',
  '.data/dev-secrets.json',
  'k8s/overlays/dev/secrets.env',
  'k8s/overlays/prod/secrets.env',
  'node_modules/express/package.json',
  'router/node_modules/graphiql/package.json',
  'router/dist/main.js',
  'clients/web-app/dist/index.html',
  'packages/identity/dist/index.js',
  '.git/config',
  'test-results/junit.xml',
  'reports/mutation.html',
  'coverage/lcov.info',
  'bench/results/latest.json',
  '.stryker-tmp/sandbox/x.js',
];

export function dockerignoreProblems(ignore: IgnoreRules, file = '.dockerignore'): string[] {
  return PATHS_KEPT_OUT_OF_IMAGES.filter((kept) => !ignore.excludes(kept)).map(
    (kept) => `${file}: does not keep ${kept} out of the build context`,
  );
}
