// `npm run supergraph -- --out <file>`: the supergraph composed from the subgraphs' SDL, with the
// subgraph URLs the router would use (USER_SUBGRAPH_URL, FINANCE_SUBGRAPH_URL, same defaults), for
// any gateway to serve. `npm run build` writes the router's own artifact with it.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readSubgraphUrls } from './config.js';
import { composeSupergraph, subgraphLocations } from './supergraph.js';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
if (values.out === undefined) {
  process.stderr.write('usage: npm run supergraph -- --out <file>\n');
  process.exit(2);
}
const out = path.resolve(values.out);
await mkdir(path.dirname(out), { recursive: true });
await writeFile(out, composeSupergraph(subgraphLocations(readSubgraphUrls(process.env))));
process.stdout.write(`supergraph written to ${out}\n`);
