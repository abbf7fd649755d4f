// Waiting for a test WebSocket client to be closed, as both hand-rolled clients (graphql-ws and the
// raw group updates route) record it.
import { vi } from 'vitest';

/** Resolves with `client.closed` once the socket's close has been recorded there. */
export async function closeOf<Close>(client: { closed: Close | null }, timeoutMs: number): Promise<Close> {
  await vi.waitFor(
    () => {
      if (client.closed === null) throw new Error('still open');
    },
    { timeout: timeoutMs, interval: 20 },
  );
  return client.closed!;
}
