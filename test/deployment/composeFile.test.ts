// docker-compose.yml and .env.example, checked without a Docker engine: each check passes on the real files
// and reports the problem on a copy broken on purpose.
import { describe, expect, it } from 'vitest';
import {
  composeSchemaProblems,
  databaseIsolationProblems,
  databaseVolumeProblems,
  dependencyProblems,
  envFileProblems,
  healthcheckProblems,
  imageProblems,
  literalSecretProblems,
  migrationProblems,
  publishedPortProblems,
  serviceEnvironmentProblems,
} from './support/composeChecks.js';
import { interpolate, parseEnvFile, readComposeFile, type ComposeFile } from './support/composeFile.js';
import { parseDockerfile } from './support/dockerfile.js';
import type { BuildContext } from './support/dockerfileChecks.js';
import { dockerignoreRules, gitignoreRules } from './support/ignoreFiles.js';
import { buildOutputs, readRepositoryFile, workspaces } from './support/repositoryFiles.js';

const composeText = readRepositoryFile('docker-compose.yml');
const exampleText = readRepositoryFile('.env.example');
const example = { file: '.env.example', variables: parseEnvFile(exampleText) };
const compose = readComposeFile('docker-compose.yml', composeText, example.variables);
const dockerfile = parseDockerfile('Dockerfile', readRepositoryFile('Dockerfile'));
const gitignore = gitignoreRules(readRepositoryFile('.gitignore'));
const dockerignore = dockerignoreRules(readRepositoryFile('.dockerignore'));
const allWorkspaces = workspaces();
const context: BuildContext = { ignore: dockerignore, workspaces: allWorkspaces, outputs: buildOutputs(allWorkspaces) };
const ROUTER_PORT = 4000;

/** The compose file with one text replaced, read again; fails the test when the text is not there. */
function brokenText(from: string | RegExp, to: string): ComposeFile {
  expect(composeText).toMatch(from);
  return readComposeFile('docker-compose.yml', composeText.replace(from, to), example.variables);
}

/** The compose file with its resolved form changed by `mutate`. */
function brokenResolved(mutate: (copy: ComposeFile['resolved']) => void): ComposeFile {
  const resolved = structuredClone(compose.resolved);
  mutate(resolved);
  return { ...compose, resolved };
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose specification schema', () => {
    expect(composeSchemaProblems(compose)).toEqual([]);
    const misspelt = brokenText('condition: service_completed_successfully', 'condition: service_completed');
    expect(
      composeSchemaProblems(misspelt).some((problem) =>
        problem.includes('/services/user/depends_on/migrate-user/condition must be equal to one of the allowed values'),
      ),
    ).toBe(true);
    const badPort = brokenResolved((copy) => {
      copy.services.router!.ports = [{ target: 4000, publish: 4000 } as never];
    });
    expect(
      composeSchemaProblems(badPort).some((problem) => problem.includes('/services/router/ports/0 must NOT have additional properties')),
    ).toBe(true);
  });

  it('gives every long-running service a health check', () => {
    expect(healthcheckProblems(compose)).toEqual([]);
    const broken = brokenResolved((copy) => {
      delete copy.services.redis!.healthcheck;
      copy.services.user!.healthcheck = { disable: true };
    });
    expect(healthcheckProblems(broken)).toEqual([
      'docker-compose.yml: service redis runs for long but has no healthcheck',
      'docker-compose.yml: service user runs for long but has no healthcheck',
    ]);
  });

  it('waits for long-running services to be healthy, for migrations to complete, and starts each subgraph after its migration', () => {
    expect(dependencyProblems(compose)).toEqual([]);
    const started = brokenResolved((copy) => {
      copy.services.router!.depends_on = {
        user: { condition: 'service_started' },
        finance: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      };
    });
    expect(dependencyProblems(started)).toEqual([
      'docker-compose.yml: service router depends on user with condition service_started, not service_healthy',
    ]);
    const withoutMigration = brokenResolved((copy) => {
      copy.services.finance!.depends_on = { 'finance-db': { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } };
    });
    expect(dependencyProblems(withoutMigration)).toEqual([
      'docker-compose.yml: service finance does not wait for a migration of its database to complete',
    ]);
    const healthyMigration = brokenResolved((copy) => {
      copy.services.user!.depends_on = { 'migrate-user': { condition: 'service_healthy' } };
    });
    expect(dependencyProblems(healthyMigration)).toEqual([
      'docker-compose.yml: service user depends on migrate-user with condition service_healthy, not service_completed_successfully',
      'docker-compose.yml: service user does not wait for a migration of its database to complete',
    ]);
  });

  it('runs each migration once, with the runner its image carries, against its own database', () => {
    expect(migrationProblems(compose, dockerfile, context)).toEqual([]);
    const restarting = brokenResolved((copy) => {
      copy.services['migrate-user']!.restart = 'on-failure';
    });
    expect(migrationProblems(restarting, dockerfile, context)).toEqual([
      'docker-compose.yml: migration migrate-user is not one-shot (restart: "no")',
    ]);
    const onRouterImage = brokenResolved((copy) => {
      copy.services['migrate-finance']!.build = { context: '.', target: 'router' };
    });
    expect(migrationProblems(onRouterImage, dockerfile, context)).toEqual([
      'docker-compose.yml: migration migrate-finance: Dockerfile (stage router): the image does not carry prisma/dist/migrate.js',
    ]);
    const wrongDatabase = brokenText(
      '@user-db:5432/ledgerline_user\n    networks:\n      - user-data\n    depends_on',
      '@finance-db:5432/ledgerline_user\n    networks:\n      - user-data\n    depends_on',
    );
    expect(migrationProblems(wrongDatabase, dockerfile, context)).toEqual([
      'docker-compose.yml: service migrate-user: USER_DATABASE_URL points at finance-db, not user-db',
    ]);
    const withoutUrl = brokenResolved((copy) => {
      copy.services['migrate-user']!.environment = {};
    });
    expect(migrationProblems(withoutUrl, dockerfile, context)).toEqual([
      expect.stringMatching(/^docker-compose\.yml: migration migrate-user: .*USER_DATABASE_URL/),
    ]);
  });

  it('publishes only the router, and only its public port', () => {
    expect(publishedPortProblems(compose, ROUTER_PORT)).toEqual([]);
    const broken = brokenResolved((copy) => {
      copy.services['user-db']!.ports = ['5432:5432'];
      copy.services.router!.ports = ['127.0.0.1:4000:4000', '9464:9464'];
    });
    expect(publishedPortProblems(broken, ROUTER_PORT)).toEqual([
      `docker-compose.yml: service user-db publishes port "5432:5432"; only the router's 4000 may be published`,
      `docker-compose.yml: service router publishes port "9464:9464"; only the router's 4000 may be published`,
    ]);
  });

  it('keeps each database in a named volume declared at the top level', () => {
    expect(databaseVolumeProblems(compose)).toEqual([]);
    const bindMount = brokenText('- finance-db-data:/var/lib/postgresql/data', '- ./finance-data:/var/lib/postgresql/data');
    expect(databaseVolumeProblems(bindMount)).toEqual([
      'docker-compose.yml: database finance-db keeps its data in ./finance-data, not a named volume declared under volumes:',
    ]);
    const noVolume = brokenResolved((copy) => {
      delete copy.services['user-db']!.volumes;
    });
    expect(databaseVolumeProblems(noVolume)).toEqual(['docker-compose.yml: database user-db keeps /var/lib/postgresql/data in no volume']);
  });

  it('lets only its owner and its migration reach each database', () => {
    expect(databaseIsolationProblems(compose)).toEqual([]);
    const broken = brokenResolved((copy) => {
      copy.services.finance!.networks = ['services', 'finance-data', 'user-data'];
    });
    expect(databaseIsolationProblems(broken)).toEqual([
      'docker-compose.yml: service finance can reach database user-db, which only user and its migration may',
    ]);
  });

  it('builds its own images from Dockerfile targets and pins every other image by digest', () => {
    expect(imageProblems(compose, dockerfile)).toEqual([]);
    const broken = brokenResolved((copy) => {
      copy.services.redis!.image = 'redis:7-alpine';
      copy.services.finance!.build = { context: '.', target: 'payments' };
    });
    expect(imageProblems(broken, dockerfile)).toEqual([
      'docker-compose.yml: service redis uses image redis:7-alpine without a @sha256: digest',
      'docker-compose.yml: service finance builds no target of Dockerfile',
    ]);
  });
});

describe('the env file', () => {
  it('lists in .env.example every variable the compose file interpolates, and keeps .env out of git and images', () => {
    expect(envFileProblems(compose, example, gitignore, dockerignore)).toEqual([]);
    const missing = {
      file: '.env.example',
      variables: Object.fromEntries(Object.entries(example.variables).filter(([name]) => name !== 'REDIS_PASSWORD')),
    };
    expect(envFileProblems(compose, missing, gitignore, dockerignore)).toEqual([
      'docker-compose.yml: interpolates REDIS_PASSWORD, which .env.example does not list',
    ]);
    const looseIgnores = envFileProblems(compose, example, gitignoreRules('node_modules/\n.env*'), dockerignoreRules('node_modules'));
    expect(looseIgnores).toEqual([
      '.dockerignore: does not keep .env out of the build context',
      '.gitignore: ignores .env.example, which must be committed',
    ]);
    expect(envFileProblems(compose, example, gitignoreRules('dist/'), dockerignore)).toEqual([
      '.gitignore: does not ignore .env, which holds the real secrets',
    ]);
  });

  it('refuses to run without a secret: every one is required with ${VAR:?message}', () => {
    const { JWT_SECRET: _, ...withoutJwt } = example.variables;
    expect(() => readComposeFile('docker-compose.yml', composeText, withoutJwt)).toThrow(
      'JWT_SECRET: set JWT_SECRET in .env (see .env.example)',
    );
    expect(interpolate('a$${B}${C:-c}${D-d}', { D: '' })).toBe('a${B}c');
  });

  it('holds no secret as a literal value in the compose file', () => {
    expect(literalSecretProblems(compose)).toEqual([]);
    const literalJwt = brokenText(/JWT_SECRET: \$\{JWT_SECRET:\?[^}]*\}/, 'JWT_SECRET: a-secret-someone-committed-by-mistake-123');
    expect(literalSecretProblems(literalJwt)).toEqual([
      'docker-compose.yml: service user sets JWT_SECRET to a literal value; interpolate it from .env',
    ]);
    const literalPassword = brokenText(/redis:\/\/:\$\{REDIS_PASSWORD:\?[^}]*\}@redis:6379/, 'redis://:hunter2hunter2@redis:6379');
    expect(literalSecretProblems(literalPassword)).toEqual([
      'docker-compose.yml: service user sets REDIS_URL to a literal value; interpolate it from .env',
    ]);
    const passwordInOtherVariable = brokenText(
      'FINANCE_GRPC_ADDRESS: finance:50052',
      'OTEL_EXPORTER_OTLP_ENDPOINT: http://otel:hunter2@collector:4318',
    );
    expect(literalSecretProblems(passwordInOtherVariable)).toEqual([
      'docker-compose.yml: service user: OTEL_EXPORTER_OTLP_ENDPOINT holds a URL with a literal password',
    ]);
  });
});

describe('each service of the stack', () => {
  it('would start with its image settings and compose environment, reaches its own database, and is health-checked where it listens', () => {
    expect(serviceEnvironmentProblems(compose, dockerfile)).toEqual([]);
    const misspelt = brokenText(
      'USER_GRPC_ADDRESS: user:50051\n      ROUTER_SIGNING_SECRET',
      'USER_GRPC_ADRESS: user:50051\n      ROUTER_SIGNING_SECRET',
    );
    expect(serviceEnvironmentProblems(misspelt, dockerfile)).toEqual([
      'docker-compose.yml: service finance: USER_GRPC_ADRESS: not a variable the finance service reads',
    ]);
    const jwtInFinance = brokenResolved((copy) => {
      (copy.services.finance!.environment as Record<string, string>).JWT_SECRET = 'x'.repeat(40);
    });
    expect(serviceEnvironmentProblems(jwtInFinance, dockerfile)).toEqual([
      'docker-compose.yml: service finance: JWT_SECRET: not a variable the finance service reads',
    ]);
    const shortSecret = brokenResolved((copy) => {
      (copy.services.router!.environment as Record<string, string>).ROUTER_SIGNING_SECRET = 'short';
    });
    expect(serviceEnvironmentProblems(shortSecret, dockerfile)).toEqual([
      expect.stringMatching(/^docker-compose\.yml: service router: .*ROUTER_SIGNING_SECRET.*32/),
    ]);
  });

  it('reports a database URL pointing at another service, and a health check on a port the service does not listen on', () => {
    const crossed = brokenResolved((copy) => {
      (copy.services.finance!.environment as Record<string, string>).FINANCE_DATABASE_URL =
        'postgresql://ledgerline_finance:pw@user-db:5432/ledgerline_finance';
    });
    expect(serviceEnvironmentProblems(crossed, dockerfile)).toEqual([
      'docker-compose.yml: service finance: FINANCE_DATABASE_URL points at user-db, not finance-db',
    ]);
    const wrongPort = brokenText("fetch('http://127.0.0.1:4002/readyz')", "fetch('http://127.0.0.1:4001/readyz')");
    expect(serviceEnvironmentProblems(wrongPort, dockerfile)).toEqual([
      'docker-compose.yml: service finance listens on 4002, but its healthcheck asks port 4001',
    ]);
    const movedPort = brokenResolved((copy) => {
      (copy.services.user!.environment as Record<string, string>).USER_SUBGRAPH_PORT = '5001';
    });
    expect(serviceEnvironmentProblems(movedPort, dockerfile)).toEqual([
      'docker-compose.yml: service user listens on 5001, but its healthcheck asks port 4001',
    ]);
  });
});
