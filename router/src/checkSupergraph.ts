// `npm run check:supergraph` (CI, after `npm run build`): fails when the built artifact is not the
// supergraph the subgraphs' SDL composes to now. Subgraph URLs may differ: the router replaces them.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { BUILT_SUPERGRAPH_FILE } from './config.js';
import { composeSupergraph, subgraphLocations, withSubgraphUrls } from './supergraph.js';

const SAME_URLS = { user: 'http://user.invalid/graphql', finance: 'http://finance.invalid/graphql' };

const { values } = parseArgs({ options: { artifact: { type: 'string', default: BUILT_SUPERGRAPH_FILE } } });
const built = withSubgraphUrls(await readFile(values.artifact, 'utf8'), SAME_URLS).split('\n');
const composed = withSubgraphUrls(composeSupergraph(subgraphLocations(SAME_URLS)), SAME_URLS).split('\n');
const firstDifference = composed.findIndex((line, index) => line !== built[index]);
if (firstDifference === -1 && built.length === composed.length) {
  process.stdout.write(`${values.artifact} matches the subgraphs' SDL\n`);
} else {
  const at = firstDifference === -1 ? composed.length : firstDifference;
  process.stderr.write(
    `${values.artifact} is not what the subgraphs' SDL composes to (run \`npm run build\`); first difference at line ${at + 1}:\n` +
      `  built:    ${built[at] ?? '(end of file)'}\n  composed: ${composed[at] ?? '(end of file)'}\n`,
  );
  process.exitCode = 1;
}
