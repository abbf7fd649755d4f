import { runSubgraph } from '@ledgerline/service-runtime';
import { readConfig } from './config.js';
import { createUserDatabase } from './db.js';
import { buildUserSubgraph } from './server.js';

await runSubgraph({
  name: 'user-subgraph',
  readConfig,
  openDatabase: (config) => createUserDatabase(config.databaseUrl, config.databaseSchema),
  build: buildUserSubgraph,
});
