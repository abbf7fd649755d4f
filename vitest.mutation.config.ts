// The tests StrykerJS runs against each mutant (`npm run test:mutation`): the unit and integration
// tiers. The e2e tier runs the code in processes Stryker does not instrument, so it is left out.
import { defineConfig } from 'vitest/config';
import { integrationTier, sharedOptions, unitTier } from './vitest.config.js';

export default defineConfig({ test: { ...sharedOptions, projects: [unitTier, integrationTier] } });
