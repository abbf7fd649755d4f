// A background task of a service run every interval (sweeps, retries): never two runs at once on
// one replica, a failed run reported and tried again next time, and stopping waits for the run in
// flight so nothing is cut off mid-write.
export function runPeriodically(
  intervalMs: number,
  task: () => Promise<unknown>,
  onFailure: (error: unknown) => void,
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running !== null) return;
    running = task()
      .catch(onFailure)
      .finally(() => (running = null));
  }, intervalMs);
  // A pending run never keeps the process alive on its own.
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
