// What each abuse scenario counted: malformed inputs and their answers, cross-user (BOLA) attempts
// and their refusals (suiteCounts.ts keeps the records and prints the table).
import { clearScenarioCounts, recordScenarioCounts, type CountingTier } from './suiteCounts.js';

export interface AbuseCounts {
  inputsTried: number;
  /** HTTP 5xx, or a GraphQL error coded INTERNAL_SERVER_ERROR (or with no code), whatever the HTTP status. */
  answersOf5xx: number;
  /** Requests never answered (the socket closed or hung), and a stack that no longer answered afterwards. */
  crashes: number;
  /** Refusals that do not name the field at fault, carry no code, or refuse a malformed body for the wrong reason. */
  wrongRefusals: number;
  bolaCasesTried: number;
  bolaCasesRefused: number;
}

export const ABUSE_TIER: CountingTier<keyof AbuseCounts> = {
  tier: 'abuse',
  scenarioTitle: 'abuse scenario',
  columns: [
    { key: 'inputsTried', title: 'inputs tried' },
    { key: 'answersOf5xx', title: 'answers of 5xx' },
    { key: 'crashes', title: 'crashes' },
    { key: 'wrongRefusals', title: 'wrong refusals' },
    { key: 'bolaCasesTried', title: 'BOLA cases tried' },
    { key: 'bolaCasesRefused', title: 'BOLA cases refused' },
  ],
};

export const NO_ABUSE: AbuseCounts = {
  inputsTried: 0,
  answersOf5xx: 0,
  crashes: 0,
  wrongRefusals: 0,
  bolaCasesTried: 0,
  bolaCasesRefused: 0,
};

export function recordAbuseCounts(scenario: string, counts: Partial<AbuseCounts>, notes: string[] = []): void {
  recordScenarioCounts(ABUSE_TIER, scenario, { ...NO_ABUSE, ...counts }, notes);
}

export const clearAbuseCounts = (): void => clearScenarioCounts(ABUSE_TIER);
