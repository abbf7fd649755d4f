// What each fault scenario counted, one JSON file per scenario under test-results/faults/: tests run
// in workers, so the files are how their counts reach the reporter that prints them (faultReport.ts).
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export interface FaultCounts {
  faultsInjected: number;
  requestsSent: number;
  /** Answered with an error, or not answered at all. */
  requestsFailed: number;
  /** Writes answered as successful that are not in the database afterwards. */
  acknowledgedWritesLost: number;
}

export interface ScenarioCounts extends FaultCounts {
  scenario: string;
  /** The test file that counted, so a run reports only the scenarios it ran. */
  testFile: string;
  /** What the counts alone do not say (failed writes that were stored all the same), printed under the table. */
  notes: string[];
}

const COUNTS_DIR = fileURLToPath(new URL('../../test-results/faults/', import.meta.url));

/** Replaces the scenario's record; its name becomes the file name, so it is kept to letters, digits and dashes. */
export function recordFaultCounts(scenario: string, counts: FaultCounts, notes: string[] = []): void {
  if (!/^[a-z0-9-]+$/i.test(scenario)) throw new Error(`a scenario name is letters, digits and dashes: ${scenario}`);
  const record: ScenarioCounts = { scenario, testFile: expect.getState().testPath ?? '', ...counts, notes };
  mkdirSync(COUNTS_DIR, { recursive: true });
  writeFileSync(join(COUNTS_DIR, `${scenario}.json`), JSON.stringify(record, null, 2));
}

/** At the start of a run, so the report only shows what this run counted. */
export function clearFaultCounts(): void {
  rmSync(COUNTS_DIR, { recursive: true, force: true });
}

/**
 * The records the test files `testFiles` wrote since `sinceMs`, by scenario name. The folder may
 * hold others: a run that leaves the faults tier out (`npm run test:unit`) does not clear it, and
 * another run in the same checkout may be writing to it.
 */
export function faultCountsOf(testFiles: ReadonlySet<string>, sinceMs: number): ScenarioCounts[] {
  let names: string[];
  try {
    names = readdirSync(COUNTS_DIR).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  return names
    .map((name) => join(COUNTS_DIR, name))
    .filter((path) => statSync(path).mtimeMs >= sinceMs)
    .map((path) => JSON.parse(readFileSync(path, 'utf8')) as ScenarioCounts)
    .filter((record) => testFiles.has(record.testFile))
    .sort((a, b) => a.scenario.localeCompare(b.scenario));
}
