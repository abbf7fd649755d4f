import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Writes a benchmark's results to bench/results/<startedAt>.json (gitignored), so runs can be compared; its path. */
export async function saveResults<Results extends { startedAt: string }>(results: Results): Promise<string> {
  const directory = fileURLToPath(new URL('../results/', import.meta.url));
  await mkdir(directory, { recursive: true });
  const path = `${directory}${results.startedAt.replace(/[:.]/g, '-')}.json`;
  await writeFile(path, `${JSON.stringify(results, null, 2)}\n`);
  return path;
}
