import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** bench/results/<startedAt>.<extension> (gitignored), made ready to write. */
async function resultsPath(startedAt: string, extension: string): Promise<string> {
  const directory = fileURLToPath(new URL('../results/', import.meta.url));
  await mkdir(directory, { recursive: true });
  return `${directory}${startedAt.replace(/[:.]/g, '-')}.${extension}`;
}

/** Writes a benchmark's results to bench/results/<startedAt>.json (gitignored), so runs can be compared; its path. */
export async function saveResults<Results extends { startedAt: string }>(results: Results): Promise<string> {
  const path = await resultsPath(results.startedAt, 'json');
  await writeFile(path, `${JSON.stringify(results, null, 2)}\n`);
  return path;
}

/** Writes a benchmark's report as markdown beside its JSON, bench/results/<startedAt>.md; its path. */
export async function saveMarkdownReport(startedAt: string, markdown: string): Promise<string> {
  const path = await resultsPath(startedAt, 'md');
  await writeFile(path, markdown);
  return path;
}
