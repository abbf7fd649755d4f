// One process at a time per PostgreSQL data directory. PGlite does not check, and two instances
// writing the same files corrupt them; a second `npm start` must fail instead.
import { readFile, rm, writeFile } from 'node:fs/promises';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes `<dataDir>.lock`, or fails naming the process that holds it; returns the release. */
export async function lockDataDirectory(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = `${dataDir}.lock`;
  try {
    await writeFile(lockPath, String(process.pid), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(await readFile(lockPath, 'utf8'));
    if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
      throw new Error(`${dataDir} is in use by process ${holder} (lock file ${lockPath})`);
    }
    // Left behind by a process that is gone.
    await writeFile(lockPath, String(process.pid), { mode: 0o600 });
  }
  return () => rm(lockPath, { force: true });
}
