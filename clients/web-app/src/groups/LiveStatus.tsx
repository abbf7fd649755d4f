// Whether the page is receiving live updates, said in words (and read out when it changes).
import type { LiveState } from '../api/ledgerline.js';

const WORDS: Record<LiveState, string> = { connecting: 'Connecting…', connected: 'Live', reconnecting: 'Reconnecting…' };

export function LiveStatus({ state }: { state: LiveState }) {
  return (
    <p className={`live-status live-${state}`} role="status" aria-label="Live updates">
      <span className="live-dot" aria-hidden="true" />
      {WORDS[state]}
    </p>
  );
}
