// Stopping without dropping what clients already sent. Node's server.close() ends every
// connection with no request under way, and so does Apollo's drain: a connection whose request is
// still unread in its socket counts as idle, and the client sees ECONNRESET for a request it did
// send; so do connections still waiting in the listen backlog when the listener closes. So the
// router first goes on taking connections until requests stop coming (or a second has passed:
// readiness already says it is stopping, so a load balancer sends no more), then closes the
// listener, and gives the requests already on open connections a moment to be read. The drain
// then finishes them like any other.
import { Server as NetServer } from 'node:net';
import type { Server } from 'node:http';

/** Requests arriving this close together mean more may be on their way. */
const QUIET_MS = 100;

export interface ConnectionSettling {
  stopAcceptingConnections(longestWaitMs: number): Promise<void>;
}

/** Follows `server`'s requests from now on, so that stopping knows how long ago the last one came. */
export function connectionSettling(server: Server): ConnectionSettling {
  let lastRequestAt = 0;
  server.on('request', () => (lastRequestAt = Date.now()));
  const untilQuiet = async (waitMs: number) => {
    const startedAt = Date.now();
    while (Date.now() - lastRequestAt < QUIET_MS && Date.now() - startedAt < waitMs) {
      await new Promise((resolve) => setTimeout(resolve, QUIET_MS / 4));
    }
  };
  return {
    async stopAcceptingConnections(longestWaitMs) {
      if (!server.listening) return;
      await untilQuiet(longestWaitMs);
      // The listener only: net.Server's close leaves open connections alone, where http.Server's ends the idle ones.
      NetServer.prototype.close.call(server);
      await untilQuiet(longestWaitMs / 2);
    },
  };
}
