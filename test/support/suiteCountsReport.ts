// A vitest reporter: after the run, a table per counting tier (the fault suite, the abuse suite)
// of what each of its scenarios counted, per scenario and in total. Nothing for a tier that did not run.
import type { TestModule, Vitest } from 'vitest/node';
import type { Reporter } from 'vitest/reporters';
import { ABUSE_TIER } from './abuseCounts.js';
import { FAULTS_TIER } from './faultCounts.js';
import { countsTable, scenarioCountsOf, type CountingTier } from './suiteCounts.js';

const COUNTING_TIERS: CountingTier[] = [FAULTS_TIER, ABUSE_TIER];

export default class SuiteCountsReport implements Reporter {
  private vitest: Vitest | undefined;
  private runStartedAt = Date.now();

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunStart(): void {
    this.runStartedAt = Date.now();
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const testFiles = new Set(testModules.map((testModule) => testModule.moduleId));
    for (const tier of COUNTING_TIERS) {
      const records = scenarioCountsOf(tier, testFiles, this.runStartedAt);
      if (records.length > 0) this.vitest?.logger.log(`\n${countsTable(tier, records)}\n`);
    }
  }
}
