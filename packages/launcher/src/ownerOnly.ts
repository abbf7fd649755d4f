// The data directory holds every password hash: nobody but its owner may read it, also when an older version
// left it world-readable (PGlite writes its files with the process's umask, usually 0644).
import { chmod, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

const isGone = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** Directories 0700, files without any group or other bits, from `root` down. */
export async function restrictToOwner(root: string): Promise<void> {
  try {
    const status = await stat(root);
    if (!status.isDirectory()) return await chmod(root, status.mode & 0o700);
    await chmod(root, 0o700);
    const entries = await readdir(root, { withFileTypes: true });
    await Promise.all(entries.filter((entry) => !entry.isSymbolicLink()).map((entry) => restrictToOwner(path.join(root, entry.name))));
  } catch (error) {
    // A file PGlite removed meanwhile (a temporary one) needs no protecting.
    if (!isGone(error)) throw error;
  }
}
