// What each fault scenario counted (suiteCounts.ts keeps the records and prints the table).
import { clearScenarioCounts, recordScenarioCounts, type CountingTier } from './suiteCounts.js';

export interface FaultCounts {
  faultsInjected: number;
  requestsSent: number;
  /** Answered with an error, or not answered at all. */
  requestsFailed: number;
  /** Writes answered as successful that are not in the database afterwards. */
  acknowledgedWritesLost: number;
}

export const FAULTS_TIER: CountingTier<keyof FaultCounts> = {
  tier: 'faults',
  scenarioTitle: 'fault scenario',
  columns: [
    { key: 'faultsInjected', title: 'faults injected' },
    { key: 'requestsSent', title: 'requests sent' },
    { key: 'requestsFailed', title: 'requests failed' },
    { key: 'acknowledgedWritesLost', title: 'acknowledged writes lost' },
  ],
};

/** Replaces the scenario's record; `notes` say what the counts alone do not (failed writes that were stored all the same). */
export function recordFaultCounts(scenario: string, counts: FaultCounts, notes: string[] = []): void {
  recordScenarioCounts(FAULTS_TIER, scenario, { ...counts }, notes);
}

export const clearFaultCounts = (): void => clearScenarioCounts(FAULTS_TIER);
