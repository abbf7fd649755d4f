// `npm start` runs the launcher through a shell (`sh -c`), and npm passes a SIGTERM on to that shell only, which dies
// without passing it further: the launcher's parent disappearing is then the one sign it gets.
const CHECK_EVERY_MS = 200;

/** Calls `onGone` once when the process that started this one has exited (this one is then re-parented). */
export function whenParentExits(onGone: () => void): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone();
  }, CHECK_EVERY_MS);
  timer.unref();
}
