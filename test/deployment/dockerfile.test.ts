// The root Dockerfile and .dockerignore, checked without a Docker engine: each check passes on the real files
// and reports the problem on a copy broken on purpose.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_WEB_APP_DIR } from '../../router/src/config.js';
import { parseDockerfile, type Dockerfile } from './support/dockerfile.js';
import {
  devDependenciesInRuntime,
  dockerignoreProblems,
  exposedPorts,
  healthcheckPort,
  missingCopySources,
  missingEntrypointScripts,
  runtimeTargetProblems,
  scriptProblems,
  secretBuildSettings,
  unknownNpmScripts,
  unpinnedBaseImages,
  workspacesMissingAtInstall,
  type BuildContext,
} from './support/dockerfileChecks.js';
import { dockerignoreRules } from './support/ignoreFiles.js';
import { buildOutputs, readRepositoryFile, REPOSITORY_ROOT, workspaces } from './support/repositoryFiles.js';
import { SERVICE_NAMES, environmentProblems, listeningPorts, type ServiceName } from './support/serviceEnvironments.js';

const dockerfileText = readRepositoryFile('Dockerfile');
const dockerfile = parseDockerfile('Dockerfile', dockerfileText);
const dockerignoreText = readRepositoryFile('.dockerignore');
const allWorkspaces = workspaces();
const context: BuildContext = {
  ignore: dockerignoreRules(dockerignoreText),
  workspaces: allWorkspaces,
  outputs: buildOutputs(allWorkspaces),
};

/** The Dockerfile with one text replaced; fails the test when the text is not there, so a broken copy is really broken. */
function brokenDockerfile(from: string, to: string): Dockerfile {
  expect(dockerfileText).toContain(from);
  return parseDockerfile('Dockerfile', dockerfileText.replace(from, to));
}

/** The Dockerfile with the instructions of one stage that match `drop` removed. */
function withoutInstructions(stageName: string, drop: (text: string, keyword: string) => boolean): Dockerfile {
  const copy = structuredClone(dockerfile);
  const stage = copy.stages.find((candidate) => candidate.name === stageName)!;
  const kept = stage.instructions.filter((instruction) => !drop(instruction.text, instruction.keyword));
  expect(kept.length).toBeLessThan(stage.instructions.length);
  stage.instructions = kept;
  return copy;
}

/** Placeholder secrets and database URLs: enough for each service's configuration to be read for its ports. */
const startableEnvironment: Record<ServiceName, Record<string, string>> = {
  router: { JWT_SECRET: 'j'.repeat(32), ROUTER_SIGNING_SECRET: 'r'.repeat(32), SERVICE_SIGNING_SECRET: 's'.repeat(32) },
  user: {
    JWT_SECRET: 'j'.repeat(32),
    ROUTER_SIGNING_SECRET: 'r'.repeat(32),
    SERVICE_SIGNING_SECRET: 's'.repeat(32),
    USER_DATABASE_URL: 'postgresql://user-db/ledgerline',
  },
  finance: {
    ROUTER_SIGNING_SECRET: 'r'.repeat(32),
    SERVICE_SIGNING_SECRET: 's'.repeat(32),
    FINANCE_DATABASE_URL: 'postgresql://finance-db/ledgerline',
  },
};

describe('the Dockerfile parser', () => {
  it('joins continued lines, drops comments inside them, and tells exec form from shell form', () => {
    const parsed = parseDockerfile(
      'test',
      [
        'FROM base AS one',
        'RUN --mount=type=cache,target=/x echo a \\',
        '  # a comment inside',
        '  && echo b',
        'CMD ["node", "a  b.js"]',
        'ENTRYPOINT node main.js',
      ].join('\n'),
    );
    const [run, cmd, entrypoint] = parsed.stages[0]!.instructions;
    expect(run).toMatchObject({
      keyword: 'RUN',
      flags: { mount: 'type=cache,target=/x' },
      text: 'echo a && echo b',
      exec: undefined,
      line: 2,
    });
    expect(cmd?.exec).toEqual(['node', 'a  b.js']);
    expect(entrypoint).toMatchObject({ exec: undefined, text: 'node main.js' });
  });

  it('finds a stage for every service target', () => {
    expect(dockerfile.stages.map((stage) => stage.name)).toEqual(expect.arrayContaining([...SERVICE_NAMES]));
  });
});

describe('the Dockerfile', () => {
  it('pins every base image by digest', () => {
    expect(unpinnedBaseImages(dockerfile)).toEqual([]);
    const broken = brokenDockerfile(
      'nodejs20-debian12:nonroot@sha256:2cd820156cf039c8b54ae2d2a97e424b6729070714de8707a6b79f20d56f6a9a AS router',
      'nodejs20-debian12:nonroot AS router',
    );
    expect(unpinnedBaseImages(broken)).toEqual([
      expect.stringMatching(/^Dockerfile:\d+ \(stage router\): FROM gcr\.io\/distroless\/nodejs20-debian12:nonroot is not pinned/),
    ]);
  });

  it('copies only files that exist in the build context and are not docker-ignored', () => {
    expect(missingCopySources(dockerfile, context)).toEqual([]);
    expect(missingCopySources(brokenDockerfile('COPY router/package.json router/', 'COPY router/package.jsn router/'), context)).toEqual([
      expect.stringMatching(/\(stage manifests\): COPY source router\/package\.jsn is not in the build context/),
    ]);
    // README.md exists, but .dockerignore leaves every Markdown file out.
    expect(
      missingCopySources(brokenDockerfile('COPY proto/package.json proto/', 'COPY proto/package.json proto/README.md proto/'), context),
    ).toEqual([
      expect.stringMatching(/COPY source proto\/README\.md is not in the build context \(missing, or excluded by \.dockerignore\)/),
    ]);
  });

  it('copies from the build stage only what the build produces', () => {
    expect(
      missingCopySources(
        brokenDockerfile('COPY --from=build /app/router/dist router/dist/', 'COPY --from=build /app/router/out router/dist/'),
        context,
      ),
    ).toEqual([expect.stringMatching(/\(stage router\): COPY --from=build \/app\/router\/out: stage build does not produce it/)]);
  });

  it('runs only npm scripts and workspaces that exist', () => {
    expect(unknownNpmScripts(dockerfile, context)).toEqual([]);
    expect(unknownNpmScripts(brokenDockerfile('&& npm run build', '&& npm run bundle'), context)).toEqual([
      expect.stringMatching(/\(stage build\): npm run bundle: no such script in \.\/package\.json/),
    ]);
    expect(
      unknownNpmScripts(brokenDockerfile('RUN npm run generate &&', 'RUN npm run generate --workspace @ledgerline/identity &&'), context),
    ).toEqual([expect.stringMatching(/npm run generate: no such script in packages\/identity\/package\.json/)]);
    expect(
      unknownNpmScripts(brokenDockerfile('--workspace @ledgerline/router', '--workspace @ledgerline/ruoter'), context).some((problem) =>
        problem.includes('npm ci --workspace @ledgerline/ruoter: no such workspace'),
      ),
    ).toBe(true);
  });

  it('starts each service with a script the build emits from its source and the image carries', () => {
    expect(missingEntrypointScripts(dockerfile, SERVICE_NAMES, context)).toEqual([]);
    expect(
      missingEntrypointScripts(brokenDockerfile('CMD ["router/dist/main.js"]', 'CMD ["router/dist/start.js"]'), SERVICE_NAMES, context),
    ).toEqual([
      'Dockerfile (stage router): router/dist/start.js is not a file the build emits from a source file (CMD)',
      'Dockerfile (stage router): the image does not carry router/dist/start.js (CMD)',
    ]);
    const withoutRouterBuild = withoutInstructions('router', (text) => text === '/app/router/dist router/dist/');
    expect(missingEntrypointScripts(withoutRouterBuild, SERVICE_NAMES, context)).toEqual([
      'Dockerfile (stage router): the image does not carry router/dist/main.js (CMD)',
    ]);
  });

  it('installs every workspace: npm ci runs only once each package.json is in place', () => {
    expect(workspacesMissingAtInstall(dockerfile, context)).toEqual([]);
    const withoutApp = withoutInstructions('manifests', (text) => text === 'clients/web-app/package.json clients/web-app/');
    expect(workspacesMissingAtInstall(withoutApp, context).map((problem) => problem.replace(/^Dockerfile:\d+ /, ''))).toEqual(
      ['build', 'router-dependencies', 'user-dependencies', 'finance-dependencies'].map(
        (stage) => `(stage ${stage}): npm ci runs without clients/web-app/package.json, so it installs nothing of that workspace`,
      ),
    );
  });

  it("carries the web app's build in the router image, where the router's default WEB_APP_DIR looks for it", () => {
    // router/src/config.ts and the image's router/dist/config.js lie at the same depth, so the folder is the same.
    const page = path.posix.join(path.relative(REPOSITORY_ROOT, BUILT_WEB_APP_DIR), 'index.html');
    expect(scriptProblems(dockerfile, 'router', page, context)).toEqual([]);
    const withoutApp = withoutInstructions('router', (text) => text.startsWith('/app/clients/web-app/dist '));
    expect(scriptProblems(withoutApp, 'router', page, context)).toEqual([`Dockerfile (stage router): the image does not carry ${page}`]);
  });

  it('carries the migration runner in the user and finance images, which the migration jobs run', () => {
    expect(scriptProblems(dockerfile, 'user', 'prisma/dist/migrate.js', context)).toEqual([]);
    expect(scriptProblems(dockerfile, 'finance', 'prisma/dist/migrate.js', context)).toEqual([]);
    expect(scriptProblems(dockerfile, 'router', 'prisma/dist/migrate.js', context)).toEqual([
      'Dockerfile (stage router): the image does not carry prisma/dist/migrate.js',
    ]);
    const withoutRunner = withoutInstructions('user', (text) => text.startsWith('/app/prisma/dist '));
    expect(scriptProblems(withoutRunner, 'user', 'prisma/dist/migrate.js', context)).toEqual([
      'Dockerfile (stage user): the image does not carry prisma/dist/migrate.js',
    ]);
  });

  it('runs every service as a non-root user, with a health check and NODE_ENV=production', () => {
    expect(runtimeTargetProblems(dockerfile, SERVICE_NAMES)).toEqual([]);
    expect(
      runtimeTargetProblems(
        withoutInstructions('user', (_, keyword) => keyword === 'USER'),
        SERVICE_NAMES,
      ),
    ).toEqual(["Dockerfile (stage user): sets no USER, so it runs as its base image's user"]);
    const rootFinance = structuredClone(dockerfile);
    rootFinance.stages.find((stage) => stage.name === 'finance')!.instructions.find((instruction) => instruction.keyword === 'USER')!.text =
      '0:0';
    expect(runtimeTargetProblems(rootFinance, SERVICE_NAMES)).toEqual([expect.stringMatching(/\(stage finance\): USER 0:0 is root$/)]);
    expect(
      runtimeTargetProblems(
        withoutInstructions('router', (_, keyword) => keyword === 'HEALTHCHECK'),
        SERVICE_NAMES,
      ),
    ).toEqual(['Dockerfile (stage router): no HEALTHCHECK']);
    expect(
      runtimeTargetProblems(
        withoutInstructions('router', (_, keyword) => keyword === 'ENV'),
        SERVICE_NAMES,
      ),
    ).toEqual(['Dockerfile (stage router): NODE_ENV is not production']);
  });

  it.each(SERVICE_NAMES)('health-checks the %s image on /healthz of the port it listens on, following its port variable', (service) => {
    const env = startableEnvironment[service];
    expect(environmentProblems(service, env)).toEqual([]);
    const ports = listeningPorts(service, env);
    const healthcheck = healthcheckPort(dockerfile, service);
    expect(healthcheck).toMatchObject({ port: ports.http, path: '/healthz' });
    // The variable the check follows is the one that moves the service's HTTP port.
    expect(listeningPorts(service, { ...env, [healthcheck!.variable!]: '12345' }).http).toBe(12345);
    expect(exposedPorts(dockerfile, service).sort()).toEqual(
      [ports.http, ports.grpc, ports.metrics].filter((port) => port !== undefined).sort(),
    );
  });

  it('sets no secret in ENV or ARG', () => {
    expect(secretBuildSettings(dockerfile)).toEqual([]);
    const broken = brokenDockerfile(
      'ENV NODE_ENV=production HOST=0.0.0.0',
      'ARG ROUTER_SIGNING_SECRET\nENV NODE_ENV=production HOST=0.0.0.0 JWT_SECRET=oops',
    );
    expect(secretBuildSettings(broken)).toEqual([
      expect.stringMatching(/\(stage router\): ARG ROUTER_SIGNING_SECRET puts a secret into the image$/),
      expect.stringMatching(/\(stage router\): ENV JWT_SECRET puts a secret into the image$/),
    ]);
  });

  it('gives the runtime images production dependencies only', () => {
    expect(devDependenciesInRuntime(dockerfile, SERVICE_NAMES)).toEqual([]);
    const withDevDependencies = brokenDockerfile(
      'npm ci --omit=dev --omit=optional --omit=peer --ignore-scripts --workspace @ledgerline/router',
      'npm ci --ignore-scripts --workspace @ledgerline/router',
    );
    expect(devDependenciesInRuntime(withDevDependencies, SERVICE_NAMES)).toEqual([
      expect.stringMatching(/\(stage router-dependencies\): installs dev dependencies, and stage router copies its node_modules$/),
    ]);
    const fromBuild = brokenDockerfile('COPY --from=finance-dependencies /app ./', 'COPY --from=build /app/node_modules node_modules/');
    expect(devDependenciesInRuntime(fromBuild, SERVICE_NAMES)).toEqual([
      expect.stringMatching(/\(stage build\): installs dev dependencies, and stage finance copies its node_modules$/),
    ]);
  });
});

describe('.dockerignore', () => {
  it('keeps secrets, local state, installed and built files, history and test output out of the build context', () => {
    expect(dockerignoreProblems(context.ignore)).toEqual([]);
    const withoutEnv = dockerignoreText
      .split('\n')
      .filter((line) => !/^(\*\*\/)?\.env/.test(line))
      .join('\n');
    expect(dockerignoreProblems(dockerignoreRules(withoutEnv))).toEqual([
      '.dockerignore: does not keep .env out of the build context',
      '.dockerignore: does not keep .env.local out of the build context',
      '.dockerignore: does not keep .env.production out of the build context',
      '.dockerignore: does not keep router/.env out of the build context',
    ]);
    const withoutData = dockerignoreText.replace(/^(\*\*\/)?\.data\/$/gm, '');
    expect(dockerignoreProblems(dockerignoreRules(withoutData))).toEqual([
      '.dockerignore: does not keep .data/dev-secrets.json out of the build context',
    ]);
  });

  it('reads patterns as Docker does: ** at any depth, a folder excludes its contents, ! re-includes', () => {
    const rules = dockerignoreRules('**/dist/\n*.md\n!README.md\nk8s/overlays/*/secrets.env');
    expect(
      ['router/dist/main.js', 'a/b/dist/c', 'NOTES.md', 'k8s/overlays/dev/secrets.env'].filter((path) => !rules.excludes(path)),
    ).toEqual([]);
    expect(
      ['README.md', 'docs/NOTES.md', 'router/src/dist.ts', 'k8s/overlays/dev/x/secrets.env'].filter((path) => rules.excludes(path)),
    ).toEqual([]);
  });
});
