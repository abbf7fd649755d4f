// A vitest reporter: after the run, a table of what each fault scenario counted (faultCounts.ts),
// per scenario and in total. It prints nothing when no fault scenario ran.
import type { TestModule, Vitest } from 'vitest/node';
import type { Reporter } from 'vitest/reporters';
import { faultCountsOf, type FaultCounts, type ScenarioCounts } from './faultCounts.js';

const COLUMNS: { key: keyof FaultCounts; title: string }[] = [
  { key: 'faultsInjected', title: 'faults injected' },
  { key: 'requestsSent', title: 'requests sent' },
  { key: 'requestsFailed', title: 'requests failed' },
  { key: 'acknowledgedWritesLost', title: 'acknowledged writes lost' },
];

const sumOf = (records: ScenarioCounts[], key: keyof FaultCounts) => records.reduce((sum, record) => sum + record[key], 0);

function faultTable(records: ScenarioCounts[]): string {
  const rows = [
    ...records.map((record) => ({ name: record.scenario, counts: COLUMNS.map(({ key }) => record[key]) })),
    { name: 'total', counts: COLUMNS.map(({ key }) => sumOf(records, key)) },
  ];
  const nameWidth = Math.max('fault scenario'.length, ...rows.map((row) => row.name.length));
  const line = (name: string, cells: (string | number)[]) =>
    [name.padEnd(nameWidth), ...cells.map((cell, i) => String(cell).padStart(COLUMNS[i]!.title.length))].join('  ');
  const notes = records.flatMap((record) => record.notes.map((note) => `${record.scenario}: ${note}`));
  const titles = COLUMNS.map(({ title }) => title);
  return [
    line('fault scenario', titles),
    ...rows.map((row) => line(row.name, row.counts)),
    ...(notes.length > 0 ? ['', ...notes] : []),
  ].join('\n');
}

export default class FaultReport implements Reporter {
  private vitest: Vitest | undefined;
  private runStartedAt = Date.now();

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunStart(): void {
    this.runStartedAt = Date.now();
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const records = faultCountsOf(new Set(testModules.map((testModule) => testModule.moduleId)), this.runStartedAt);
    if (records.length === 0) return;
    this.vitest?.logger.log(`\n${faultTable(records)}\n`);
  }
}
