// `npm run generate` (run by `npm install`): makes the empty PostgreSQL cluster a first `npm start`
// copies instead of waiting on initdb (clusterTemplate.ts).
import { clusterTemplate } from './clusterTemplate.js';

process.stdout.write(`empty PostgreSQL cluster for new data directories: ${await clusterTemplate()}\n`);
