// The abuse tier's set-up beside the integration tier's database (integrationSetup.ts): each run
// starts with no abuse counts, so the report shows this run's scenarios only.
import { clearAbuseCounts } from './abuseCounts.js';

export function setup(): void {
  clearAbuseCounts();
}
