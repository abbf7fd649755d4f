// The app's one way to the API: the web SDK's client and subscriptions, carrying the session's
// token. A refused token (expired or revoked) ends the session, which takes the user to sign-in.
import { createLedgerlineClient, createLedgerlineSubscriptions, type LedgerlineClient, type LedgerlineResult } from '@ledgerline/web-sdk';
import { sessions } from '../session/session.js';
import { graphqlHttpUrl, graphqlWebSocketUrl } from './apiEndpoints.js';

const client = createLedgerlineClient({ url: graphqlHttpUrl, token: () => sessions.current()?.token });

function endSessionIfRefused<Data>(result: LedgerlineResult<Data>): LedgerlineResult<Data> {
  if (sessions.current() && result.errors?.some((error) => error.extensions?.code === 'UNAUTHENTICATED')) sessions.expire();
  return result;
}

export const api: LedgerlineClient = {
  query: (document, ...variables) => client.query(document, ...variables).then(endSessionIfRefused),
  mutate: (document, ...args) => client.mutate(document, ...args).then(endSessionIfRefused),
};

/** Close code the router uses when a socket's token expired or was revoked; graphql-ws does not retry it. */
const TOKEN_REFUSED_CLOSE_CODE = 4401;
/** How often the client pings, and how long it waits for the pong before calling the connection dead. */
const PING_EVERY_MS = 10_000;
const PONG_WAIT_MS = 5_000;
/** The longest wait between reconnect attempts: graphql-ws's own doubles without limit. */
const LONGEST_RETRY_WAIT_MS = 10_000;

/** 1 s, 2 s, 4 s ... up to 10 s, each with up to a second of jitter so clients do not return in step. */
function retryWait(retries: number): Promise<void> {
  const wait = Math.min(1_000 * 2 ** retries, LONGEST_RETRY_WAIT_MS) + Math.random() * 1_000;
  return new Promise((resolve) => setTimeout(resolve, wait));
}

export type LiveState = 'connecting' | 'connected' | 'reconnecting';

/**
 * A graphql-ws connection for one live page. It retries for as long as the page is open (with
 * graphql-ws's randomised back-off), closes a connection whose pong does not come back (a network
 * that went away without a word), and reports each state so the page can say "reconnecting".
 */
export function liveConnection(onState: (state: LiveState) => void) {
  let everConnected = false;
  let socket: WebSocket | null = null;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  return createLedgerlineSubscriptions({
    url: graphqlWebSocketUrl,
    token: () => sessions.current()?.token,
    clientOptions: {
      retryAttempts: Number.POSITIVE_INFINITY,
      retryWait,
      keepAlive: PING_EVERY_MS,
      on: {
        connecting: () => onState(everConnected ? 'reconnecting' : 'connecting'),
        connected: (connected) => {
          socket = connected as WebSocket;
          everConnected = true;
          onState('connected');
        },
        ping: (received) => {
          if (received) return;
          pongTimer = setTimeout(() => {
            if (socket?.readyState === WebSocket.OPEN) socket.close(4408, 'No pong');
          }, PONG_WAIT_MS);
        },
        pong: (received) => {
          if (received) clearTimeout(pongTimer);
        },
        closed: (event) => {
          clearTimeout(pongTimer);
          socket = null;
          if ((event as Partial<CloseEvent>).code === TOKEN_REFUSED_CLOSE_CODE) sessions.expire();
          else if (everConnected) onState('reconnecting');
        },
      },
    },
  });
}
