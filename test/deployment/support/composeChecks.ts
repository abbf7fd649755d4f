// What a reviewer checks in docker-compose.yml, one function per kind of problem; each returns the problems
// found (empty: none), naming the file, the service and what is wrong.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { serviceNames } from '../../../prisma/src/servicePaths.js';
import {
  buildTargetOf,
  commandOf,
  dependenciesOf,
  environmentOf,
  isOneShot,
  networksOf,
  referencedVariables,
  type ComposeDocument,
  type ComposeFile,
  type ComposeService,
} from './composeFile.js';
import { stageEnvironment, stageNamed, type Dockerfile } from './dockerfile.js';
import { scriptProblems, type BuildContext } from './dockerfileChecks.js';
import type { IgnoreRules } from './ignoreFiles.js';
import { repositoryPath } from './repositoryFiles.js';
import { hasLiteralUrlPassword, isSecretVariable } from './secretVariables.js';
import {
  SERVICE_NAMES,
  environmentProblems,
  listeningPorts,
  MIGRATION_SCRIPT,
  migrationEnvironmentProblems,
  type ServiceName,
} from './serviceEnvironments.js';

let composeSchema: ValidateFunction | undefined;

function composeSchemaValidator(): ValidateFunction {
  if (composeSchema !== undefined) return composeSchema;
  // dclint's exports do not list its schemas; the file sits in the installed package.
  const schemaFile = repositoryPath('node_modules/dclint/schemas/compose.schema.json');
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  // It names draft-07 as https://json-schema.org/draft-07/schema, an id ajv does not know (it has the http://...#
  // one); ajv's default dialect is draft-07, so the declaration can go.
  const { $schema: _draft07, ...schema } = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
  composeSchema = ajv.compile(schema);
  return composeSchema;
}

/** The Compose specification's JSON schema (the one dclint ships), on the file as compose runs it. */
export function composeSchemaProblems(compose: ComposeFile): string[] {
  const validate = composeSchemaValidator();
  if (validate(compose.resolved)) return [];
  return (validate.errors ?? []).map(
    (error) => `${compose.file}: ${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
  );
}

function isMigration(service: ComposeService): boolean {
  return isOneShot(service) && commandOf(service).includes(MIGRATION_SCRIPT);
}

/** The services a migration migrates: the arguments after the runner. */
function migratedServices(service: ComposeService): string[] {
  const command = commandOf(service);
  return command.slice(command.indexOf(MIGRATION_SCRIPT) + 1);
}

function entries(doc: ComposeDocument): [string, ComposeService][] {
  return Object.entries(doc.services);
}

/** Every long-running service has a health check, so `service_healthy` can be waited for and failures show. */
export function healthcheckProblems(compose: ComposeFile): string[] {
  return entries(compose.resolved)
    .filter(([, service]) => !isOneShot(service))
    .filter(
      ([, service]) => service.healthcheck === undefined || service.healthcheck.disable === true || service.healthcheck.test === undefined,
    )
    .map(([name]) => `${compose.file}: service ${name} runs for long but has no healthcheck`);
}

/**
 * Every depends_on waits for the right thing: a long-running service to be healthy, a one-shot one to have
 * completed successfully; and each subgraph waits for its own migration.
 */
export function dependencyProblems(compose: ComposeFile): string[] {
  const services = compose.resolved.services;
  const problems = entries(compose.resolved).flatMap(([name, service]) =>
    Object.entries(dependenciesOf(service)).flatMap(([dependency, condition]) => {
      const target = services[dependency];
      if (target === undefined) return [`${compose.file}: service ${name} depends on ${dependency}, which does not exist`];
      const expected = isOneShot(target) ? 'service_completed_successfully' : 'service_healthy';
      return condition === expected
        ? []
        : [`${compose.file}: service ${name} depends on ${dependency} with condition ${condition ?? '(none)'}, not ${expected}`];
    }),
  );
  for (const subgraph of serviceNames) {
    const migrations = entries(compose.resolved).filter(
      ([, service]) => isMigration(service) && migratedServices(service).includes(subgraph),
    );
    const waits = migrations.some(
      ([migration]) => dependenciesOf(services[subgraph] ?? {})[migration] === 'service_completed_successfully',
    );
    if (!waits) problems.push(`${compose.file}: service ${subgraph} does not wait for a migration of its database to complete`);
  }
  return problems;
}

/** Each migration is one-shot, runs the image's runner for named services, and its image carries the runner. */
export function migrationProblems(compose: ComposeFile, dockerfile: Dockerfile, context: BuildContext): string[] {
  return entries(compose.resolved)
    .filter(([name, service]) => name.startsWith('migrate') || commandOf(service).includes(MIGRATION_SCRIPT))
    .flatMap(([name, service]) => {
      const problems: string[] = [];
      if (!isOneShot(service)) problems.push(`${compose.file}: migration ${name} is not one-shot (restart: "no")`);
      const command = commandOf(service);
      const args = migratedServices(service);
      if (command[0] !== MIGRATION_SCRIPT || args.length === 0)
        problems.push(`${compose.file}: migration ${name} does not run ${MIGRATION_SCRIPT} <service>`);
      const target = buildTargetOf(service);
      if (target === undefined) problems.push(`${compose.file}: migration ${name} names no build target, so no image to check`);
      else if (command[0] !== undefined)
        problems.push(
          ...scriptProblems(dockerfile, target, command[0], context).map((problem) => `${compose.file}: migration ${name}: ${problem}`),
        );
      const env = environmentOf(service);
      problems.push(...migrationEnvironmentProblems(args, env).map((problem) => `${compose.file}: migration ${name}: ${problem}`));
      for (const migrated of args) problems.push(...databaseOwnerProblems(compose.file, name, migrated, env));
      return problems;
    });
}

/** A service's database URLs all point at its own database service (`user` -> `user-db`). */
function databaseOwnerProblems(file: string, name: string, owner: string, env: Record<string, string>): string[] {
  return Object.entries(env)
    .filter(([variable]) => variable === 'DATABASE_URL' || variable.startsWith(`${owner.toUpperCase()}_DATABASE_URL`))
    .flatMap(([variable, url]) => {
      const host = URL.canParse(url) ? new URL(url).hostname : '(not a URL)';
      return host === `${owner}-db` ? [] : [`${file}: service ${name}: ${variable} points at ${host}, not ${owner}-db`];
    });
}

/** Only the router publishes a port, and only its public one: metrics, gRPC and databases stay on the compose network. */
export function publishedPortProblems(compose: ComposeFile, routerHttpPort: number): string[] {
  return entries(compose.resolved).flatMap(([name, service]) =>
    (service.ports ?? []).flatMap((port) => {
      const container = typeof port === 'object' ? port.target : Number(String(port).split(':').at(-1)?.split('/')[0]);
      if (name === 'router' && container === routerHttpPort) return [];
      return [
        `${compose.file}: service ${name} publishes port ${JSON.stringify(port)}; only the router's ${routerHttpPort} may be published`,
      ];
    }),
  );
}

function isDatabase(service: ComposeService): boolean {
  return (service.image ?? '').startsWith('postgres:');
}

const POSTGRES_DATA = '/var/lib/postgresql/data';

/** Every database keeps its data in a named volume declared at the top level, so `down` and rebuilds keep it. */
export function databaseVolumeProblems(compose: ComposeFile): string[] {
  const declared = compose.resolved.volumes ?? {};
  return entries(compose.resolved)
    .filter(([, service]) => isDatabase(service))
    .flatMap(([name, service]) => {
      const mounts = (service.volumes ?? []).map((volume) =>
        typeof volume === 'string'
          ? { source: volume.split(':')[0], target: volume.split(':')[1] }
          : { source: volume.source, target: volume.target },
      );
      const data = mounts.find((mount) => mount.target === POSTGRES_DATA);
      if (data?.source === undefined) return [`${compose.file}: database ${name} keeps ${POSTGRES_DATA} in no volume`];
      if (!(data.source in declared))
        return [`${compose.file}: database ${name} keeps its data in ${data.source}, not a named volume declared under volumes:`];
      return [];
    });
}

/** Each database shares a network only with its owner and the owner's migration. */
export function databaseIsolationProblems(compose: ComposeFile): string[] {
  return entries(compose.resolved)
    .filter(([, service]) => isDatabase(service))
    .flatMap(([database, service]) => {
      const owner = database.replace(/-db$/, '');
      const networks = new Set(networksOf(service));
      return entries(compose.resolved)
        .filter(([other]) => other !== database && other !== owner)
        .filter(([, other]) => !(isMigration(other) && migratedServices(other).every((migrated) => migrated === owner)))
        .filter(([, other]) => networksOf(other).some((network) => networks.has(network)))
        .map(([other]) => `${compose.file}: service ${other} can reach database ${database}, which only ${owner} and its migration may`);
    });
}

/** Every variable the compose file interpolates is in the example env file, and the real one stays out of git and images. */
export function envFileProblems(
  compose: ComposeFile,
  example: { file: string; variables: Record<string, string> },
  gitignore: IgnoreRules,
  dockerignore: IgnoreRules,
): string[] {
  const problems = [...referencedVariables(compose.text)]
    .filter((name) => !(name in example.variables))
    .map((name) => `${compose.file}: interpolates ${name}, which ${example.file} does not list`);
  if (!gitignore.excludes('.env')) problems.push('.gitignore: does not ignore .env, which holds the real secrets');
  if (!dockerignore.excludes('.env')) problems.push('.dockerignore: does not keep .env out of the build context');
  if (gitignore.excludes(example.file)) problems.push(`.gitignore: ignores ${example.file}, which must be committed`);
  return problems;
}

/** No secret has a literal value in the file: each is interpolated from the env file. */
export function literalSecretProblems(compose: ComposeFile): string[] {
  return entries(compose.written).flatMap(([name, service]) =>
    Object.entries(environmentOf(service)).flatMap(([variable, value]) => {
      if (isSecretVariable(variable) && !/^\$\{[A-Za-z_]\w*(:?[-?][^}]*)?\}$/.test(value) && !hasInterpolatedPassword(value)) {
        return [`${compose.file}: service ${name} sets ${variable} to a literal value; interpolate it from .env`];
      }
      if (hasLiteralUrlPassword(value)) return [`${compose.file}: service ${name}: ${variable} holds a URL with a literal password`];
      return [];
    }),
  );
}

/** A URL whose only secret part, its password, is interpolated (`redis://:${REDIS_PASSWORD}@redis:6379`). */
function hasInterpolatedPassword(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/:@]*:\$\{[^}]+\}@/i.test(value);
}

function healthcheckUrlPort(service: ComposeService): number | undefined {
  const test = service.healthcheck?.test;
  const text = Array.isArray(test) ? test.join(' ') : (test ?? '');
  const match = /https?:\/\/(?:127\.0\.0\.1|localhost):(\d+)\//.exec(text);
  return match === null ? undefined : Number(match[1]);
}

/**
 * Each of our services, with the image's ENV and the compose environment (interpolated from the env file), would
 * start: every variable is one it reads and valid; its database URL points at its own database; its health
 * check asks the port it listens on.
 */
export function serviceEnvironmentProblems(compose: ComposeFile, dockerfile: Dockerfile): string[] {
  return SERVICE_NAMES.flatMap((name: ServiceName) => {
    const service = compose.resolved.services[name];
    if (service === undefined) return [`${compose.file}: no service ${name}`];
    const target = buildTargetOf(service);
    const stage = stageNamed(dockerfile, target);
    const imageEnv = stage === undefined ? {} : stageEnvironment(dockerfile, stage);
    const env = { ...imageEnv, ...environmentOf(service) };
    const problems = environmentProblems(name, env).map((problem) => `${compose.file}: service ${name}: ${problem}`);
    if (name !== 'router') problems.push(...databaseOwnerProblems(compose.file, name, name, env));
    if (problems.length > 0) return problems;
    const http = listeningPorts(name, env).http;
    const asked = healthcheckUrlPort(service);
    return asked === http
      ? []
      : [`${compose.file}: service ${name} listens on ${http}, but its healthcheck asks port ${asked ?? '(none)'}`];
  });
}

/** Services built here use a Dockerfile target and are named ledgerline/<target>; any other image is pinned by digest. */
export function imageProblems(compose: ComposeFile, dockerfile: Dockerfile): string[] {
  return entries(compose.resolved).flatMap(([name, service]) => {
    const target = buildTargetOf(service);
    if (service.build !== undefined) {
      if (stageNamed(dockerfile, target) === undefined) return [`${compose.file}: service ${name} builds no target of ${dockerfile.file}`];
      return service.image === `ledgerline/${target}`
        ? []
        : [`${compose.file}: service ${name} builds ${target} but names its image ${service.image ?? '(none)'}`];
    }
    return /@sha256:[0-9a-f]{64}$/.test(service.image ?? '')
      ? []
      : [`${compose.file}: service ${name} uses image ${service.image ?? '(none)'} without a @sha256: digest`];
  });
}
