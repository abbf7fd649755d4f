// Three tiers, each a vitest project (`npm run test:unit`, `test:integration`, `test:e2e`; `npm test` runs all):
// - unit: `*.test.ts` under a package's test/ folder; no process, no database, no network.
// - integration: `*.integration.test.ts`; one service or module in-process against a real
//   PostgreSQL database made for the run (test/support/integrationSetup.ts).
// - e2e: test/e2e/ and `*.e2e.test.ts`; the real stack of processes (test/support/e2eSetup.ts).
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const integrationTests = '**/*.integration.test.ts';
const e2eTests = ['test/e2e/**/*.test.ts', '**/*.e2e.test.ts'];
const ignored = ['**/node_modules/**', 'bench/**', '.stryker-tmp/**'];

export const unitTier: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: 'unit',
    include: ['**/test/**/*.test.ts'],
    exclude: [...ignored, integrationTests, ...e2eTests],
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

export const sharedOptions = { testTimeout: 20_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    ...sharedOptions,
    // graphql has no "exports" map: Node loads its CommonJS build, Vite its ES module build. Code
    // under test runs through Vite, so graphql-ws must too, or the two disagree on what a
    // GraphQLError is (as they never do outside tests, where Node loads both).
    server: { deps: { inline: ['graphql-ws'] } },
    // CI also keeps a machine-readable record, from which .ci/run prints its closing count.
    reporters: process.env['CI'] ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]] : ['default'],
    projects: [unitTier, integrationTier, e2eTier],
  },
});
