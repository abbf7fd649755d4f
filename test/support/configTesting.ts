// For unit tests of a service's config.ts: what it prints and how it exits when the environment is
// bad, without letting it end the test process, and a data directory of its own for dev secrets.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished, vi } from 'vitest';

/** An empty LEDGERLINE_DATA_DIR for this test, removed when it ends, so no dev secret lands in the repository. */
export function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-config-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

class ProcessExit extends Error {
  constructor(readonly code: unknown) {
    super(`process.exit(${String(code)})`);
  }
}

export interface ExitReport {
  exitCode: unknown;
  /** Everything written to stderr before the exit. */
  stderr: string;
}

/** Runs `readConfig`, which must exit; fails the test when it returns instead. */
export function exitReportOf(readConfig: () => unknown): ExitReport {
  const written: string[] = [];
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  const exit = vi.spyOn(process, 'exit').mockImplementation((code) => {
    throw new ProcessExit(code);
  });
  try {
    readConfig();
  } catch (error) {
    if (error instanceof ProcessExit) return { exitCode: error.code, stderr: written.join('') };
    throw error;
  } finally {
    write.mockRestore();
    exit.mockRestore();
  }
  throw new Error('expected the configuration to be refused, but it was accepted');
}

/** The `NAME: message` lines of a refused configuration's report. */
export const reportedProblems = (report: ExitReport): string[] =>
  report.stderr
    .split('\n')
    .filter((line) => line.startsWith('  '))
    .map((line) => line.trim());
