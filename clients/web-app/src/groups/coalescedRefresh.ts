// A re-read that many events may ask for at once: at most one runs and one waits. Asks that come
// while one waits join it, since the read that starts after them sees everything they would have.

export function coalescedRefresh(read: () => Promise<void>): () => void {
  let running = false;
  let queued = false;

  async function drain(): Promise<void> {
    running = true;
    do {
      queued = false;
      try {
        await read();
      } catch {
        // A failed read is made up by the next ask; it must not stop the ones queued behind it.
      }
    } while (queued);
    running = false;
  }

  return () => {
    if (running) queued = true;
    else void drain();
  };
}
