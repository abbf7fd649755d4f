import { runSubgraph } from '@ledgerline/service-runtime';
import { readConfig } from './config.js';
import { createFinanceDatabase } from './db.js';
import { buildFinanceSubgraph } from './server.js';

await runSubgraph({
  name: 'finance-subgraph',
  readConfig,
  openDatabase: (config) => createFinanceDatabase(config.databaseUrl, config.databaseSchema),
  build: buildFinanceSubgraph,
});
