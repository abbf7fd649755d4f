// The e2e tier's set-up: starts the real stack once per run: a fresh database, both subgraphs and the router as
// separate processes on free ports. Tests reach them only over HTTP, as clients do.
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { startStack, type Stack } from '../../packages/launcher/src/stack.js';
import { freeStackPorts } from './freePort.js';
import { dropRedisNamespace } from './redisNamespace.js';
import { freshStackSecrets } from './stackSecrets.js';
import './providedContext.js';
import { createTestDatabase, type TestDatabase } from './testDatabase.js';
import { ONE_ADDRESS_FOR_ALL_CLIENTS } from './loginThrottleForTests.js';
import { buildWebApp, type WebAppBuild } from './webAppBuild.js';

let database: TestDatabase | undefined;
let stack: Stack | undefined;
let redisKeyPrefix = '';
let webApp: WebAppBuild | undefined;

export async function setup(project: TestProject): Promise<void> {
  database = await createTestDatabase();
  process.stdout.write(`test stack on ${database.kind}\n`);
  const secrets = freshStackSecrets();
  // The router serves the web app at /app/ for the browser tests, built from the source as it is now.
  webApp = await buildWebApp();
  // A Redis namespace of this run's own: other runs (and `npm start`) on the same Redis are never heard.
  redisKeyPrefix = `ledgerline-e2e-${randomBytes(6).toString('hex')}:`;
  stack = await startStack({
    databaseUrl: database.url,
    ports: await freeStackPorts(),
    env: {
      ...secrets,
      REDIS_KEY_PREFIX: redisKeyPrefix,
      WEB_APP_DIR: webApp.directory,
      LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn',
      ...ONE_ADDRESS_FOR_ALL_CLIENTS,
    },
    output: process.env['TEST_STACK_OUTPUT'] === 'inherit' ? 'inherit' : 'ignore',
  });
  project.provide('routerUrl', stack.routerUrl);
  project.provide('userSubgraphUrl', stack.userSubgraphUrl);
  project.provide('financeSubgraphUrl', stack.financeSubgraphUrl);
  project.provide('routerSigningSecret', secrets.ROUTER_SIGNING_SECRET);
  project.provide('jwtSecret', secrets.JWT_SECRET);
  project.provide('serviceSigningSecret', secrets.SERVICE_SIGNING_SECRET);
  project.provide('userGrpcAddress', stack.userGrpcAddress);
  project.provide('financeGrpcAddress', stack.financeGrpcAddress);
  project.provide('routerMetricsUrl', stack.metricsUrls.router);
  project.provide('userMetricsUrl', stack.metricsUrls.user);
  project.provide('financeMetricsUrl', stack.metricsUrls.finance);
  project.provide('databaseUrl', database.url);
  // The services read it from the environment startStack passes through; an empty one means unset to them too.
  project.provide('redisUrl', process.env['REDIS_URL'] || null);
  project.provide('redisKeyPrefix', redisKeyPrefix);
}

export async function teardown(): Promise<void> {
  await stack?.stop();
  await database?.drop();
  webApp?.remove();
  const redisUrl = process.env['REDIS_URL'];
  if (redisUrl) await dropRedisNamespace(redisUrl, redisKeyPrefix);
}
