// What a counting tier's scenarios counted (the fault suite's writes kept, the abuse suite's
// inputs tried), one JSON file per scenario under test-results/<tier>/: tests run in workers, so
// the files are how their counts reach the reporter that prints them (suiteCountsReport.ts).
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** A tier that counts: its folder name, and the columns of its table in the order printed. */
export interface CountingTier<Key extends string = string> {
  tier: string;
  /** The heading of the table's first column, e.g. "fault scenario". */
  scenarioTitle: string;
  columns: readonly { key: Key; title: string }[];
}

export interface ScenarioRecord {
  scenario: string;
  /** The test file that counted, so a run reports only the scenarios it ran. */
  testFile: string;
  counts: Record<string, number>;
  /** What the counts alone do not say, printed under the table. */
  notes: string[];
}

const countsDirOf = (tier: string) => fileURLToPath(new URL(`../../test-results/${tier}/`, import.meta.url));

/** Replaces the scenario's record; its name becomes the file name, so it is kept to letters, digits and dashes. */
export function recordScenarioCounts<Key extends string>(
  tier: CountingTier<Key>,
  scenario: string,
  counts: Record<Key, number>,
  notes: string[] = [],
): void {
  if (!/^[a-z0-9-]+$/i.test(scenario)) throw new Error(`a scenario name is letters, digits and dashes: ${scenario}`);
  const record: ScenarioRecord = { scenario, testFile: expect.getState().testPath ?? '', counts, notes };
  const dir = countsDirOf(tier.tier);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${scenario}.json`), JSON.stringify(record, null, 2));
}

/** At the start of a tier's run, so the report only shows what this run counted. */
export function clearScenarioCounts(tier: CountingTier): void {
  rmSync(countsDirOf(tier.tier), { recursive: true, force: true });
}

/**
 * The records the test files `testFiles` wrote since `sinceMs`, by scenario name. The folder may
 * hold others: a run that leaves the tier out (`npm run test:unit`) does not clear it, and another
 * run in the same checkout may be writing to it.
 */
export function scenarioCountsOf(tier: CountingTier, testFiles: ReadonlySet<string>, sinceMs: number): ScenarioRecord[] {
  const dir = countsDirOf(tier.tier);
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  return names
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).mtimeMs >= sinceMs)
    .map((path) => JSON.parse(readFileSync(path, 'utf8')) as ScenarioRecord)
    .filter((record) => testFiles.has(record.testFile))
    .sort((a, b) => a.scenario.localeCompare(b.scenario));
}

/** The tier's table: a row per scenario, a total row, then the notes. */
export function countsTable(tier: CountingTier, records: ScenarioRecord[]): string {
  const countsOf = (record: ScenarioRecord) => tier.columns.map(({ key }) => record.counts[key] ?? 0);
  const rows = [
    ...records.map((record) => ({ name: record.scenario, counts: countsOf(record) })),
    { name: 'total', counts: tier.columns.map((_, i) => records.reduce((sum, record) => sum + countsOf(record)[i]!, 0)) },
  ];
  const nameWidth = Math.max(tier.scenarioTitle.length, ...rows.map((row) => row.name.length));
  const line = (name: string, cells: (string | number)[]) =>
    [name.padEnd(nameWidth), ...cells.map((cell, i) => String(cell).padStart(tier.columns[i]!.title.length))].join('  ');
  const notes = records.flatMap((record) => record.notes.map((note) => `${record.scenario}: ${note}`));
  return [
    line(
      tier.scenarioTitle,
      tier.columns.map(({ title }) => title),
    ),
    ...rows.map((row) => line(row.name, row.counts)),
    ...(notes.length > 0 ? ['', ...notes] : []),
  ].join('\n');
}
