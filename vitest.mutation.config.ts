// The tests StrykerJS runs against each mutant (`npm run test:mutation`): the unit and integration
// tiers. The e2e tier runs the code in processes Stryker does not instrument, so it is left out.
// Unit files run isolated here: a mutant in code that runs as a module loads (a route's
// definition, a constant) is only seen by a test that loads the module afresh.
import { defineConfig } from 'vitest/config';
import { integrationTier, sharedOptions, sourceResolution, unitTier } from './vitest.config.js';

export default defineConfig({
  ...sourceResolution,
  test: { ...sharedOptions, projects: [{ ...unitTier, test: { ...unitTier.test, isolate: true } }, integrationTier] },
});
