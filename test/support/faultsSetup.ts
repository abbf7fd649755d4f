// The faults tier's set-up beside the integration tier's database (integrationSetup.ts): each run
// starts with no fault counts, so the report shows this run's scenarios only.
import { clearFaultCounts } from './faultCounts.js';

export function setup(): void {
  clearFaultCounts();
}
