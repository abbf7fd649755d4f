// Three tiers, the fault suite and the abuse suite, each a vitest project (`npm run test:unit`,
// `test:integration`, `test:e2e`, `test:faults`, `test:abuse`; `npm test` runs all):
// - unit: `*.test.ts` under a package's test/ folder; no process, no database, no network.
// - integration: `*.integration.test.ts`; one service or module in-process against a real
//   PostgreSQL database made for the run (test/support/integrationSetup.ts).
// - e2e: test/e2e/ and `*.e2e.test.ts`; the real stack of processes (test/support/e2eSetup.ts).
// - faults: test/faults/; the stack under load while a fault is injected (a Redis killed, a
//   PostgreSQL restarted), each scenario a few seconds. What each counted is printed after the
//   run (test/support/faultCounts.ts, suiteCountsReport.ts).
// - abuse: test/abuse/; malformed inputs generated from every REST route and GraphQL argument, and
//   every route and field tried with another user's ids, against the stack in-process. Its counts
//   are printed after the run too (test/support/abuseCounts.ts).
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const integrationTests = '**/*.integration.test.ts';
const e2eTests = ['test/e2e/**/*.test.ts', '**/*.e2e.test.ts'];
const faultTests = 'test/faults/**/*.test.ts';
const abuseTests = 'test/abuse/**/*.test.ts';
const ignored = ['**/node_modules/**', 'bench/**', '.stryker-tmp/**'];
const suiteCountsReport = './test/support/suiteCountsReport.ts';

export const unitTier: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: 'unit',
    include: ['**/test/**/*.test.ts'],
    exclude: [...ignored, integrationTests, ...e2eTests, faultTests, abuseTests],
    // Unit tests hold no state between files, so they share one module graph: on two cores
    // this takes the tier from about 9 s to under 4.
    isolate: false,
  },
};

export const integrationTier: TestProjectInlineConfiguration = {
  extends: true,
  test: { name: 'integration', include: [integrationTests], exclude: ignored, globalSetup: ['test/support/integrationSetup.ts'] },
};

const e2eTier: TestProjectInlineConfiguration = {
  extends: true,
  test: { name: 'e2e', include: e2eTests, exclude: ignored, globalSetup: ['test/support/e2eSetup.ts'] },
};

const faultsTier: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: 'faults',
    include: [faultTests],
    exclude: ignored,
    // The integration tier's migrated database, and a fresh start for the fault counts.
    globalSetup: ['test/support/integrationSetup.ts', 'test/support/faultsSetup.ts'],
  },
};

const abuseTier: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: 'abuse',
    include: [abuseTests],
    exclude: ignored,
    // The integration tier's migrated database, and a fresh start for the abuse counts.
    globalSetup: ['test/support/integrationSetup.ts', 'test/support/abuseSetup.ts'],
  },
};

export const sharedOptions = { testTimeout: 20_000, hookTimeout: 120_000 };

/**
 * Workspace packages export their TypeScript source under "@ledgerline/source" and their compiled
 * dist/ otherwise: tests run the source, never a stale build. Node's conditions follow, but not
 * "module": with it, Vite hands Node ES module builds whose extensionless imports Node cannot load
 * (@opentelemetry/api's, which @apollo/gateway imports).
 */
const sourceConditions = ['@ledgerline/source', 'node', 'development|production'];
export const sourceResolution = { resolve: { conditions: sourceConditions }, ssr: { resolve: { conditions: sourceConditions } } };

export default defineConfig({
  ...sourceResolution,
  // The tiers' global set-ups (starting the stack, migrating) run in Vitest's own environment, which
  // takes no conditions from the lines above: without these, they would load dist/, which a fresh
  // clone has not built (and a stale build would run old code).
  environments: { __vitest__: { resolve: { conditions: sourceConditions } } },
  test: {
    ...sharedOptions,
    // graphql has no "exports" map: Node loads its CommonJS build, Vite its ES module build. Code
    // under test runs through Vite, so graphql-ws must too, or the two disagree on what a
    // GraphQLError is (as they never do outside tests, where Node loads both).
    server: { deps: { inline: ['graphql-ws'] } },
    // CI also keeps a machine-readable record, from which .ci/run prints its closing count. The
    // suite counts report prints the fault and abuse scenarios' counts, when any ran.
    reporters: process.env['CI']
      ? ['default', ['json', { outputFile: 'test-results/vitest.json' }], suiteCountsReport]
      : ['default', suiteCountsReport],
    projects: [unitTier, integrationTier, e2eTier, faultsTier, abuseTier],
  },
});
