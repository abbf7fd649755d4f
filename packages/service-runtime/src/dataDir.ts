import { fileURLToPath } from 'node:url';

/** `<repository>/.data`: where the zero-setup defaults keep their state (embedded PostgreSQL, dev secrets). */
export const defaultDataDir = fileURLToPath(new URL('../../../.data', import.meta.url));
