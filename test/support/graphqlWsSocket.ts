// The graphql-transport-ws protocol spoken by hand over a plain `ws` WebSocket, for the tests that
// need what graphql-ws's own client never does: stay silent, send too much, or stop reading.
import type { Socket } from 'node:net';
import { vi } from 'vitest';
import WebSocket from 'ws';
import { closeOf } from './socketClose.js';

export interface GraphqlWsMessage {
  type: string;
  id?: string;
  payload?: any;
}

export interface GraphqlWsSocket {
  socket: WebSocket;
  /** Every message the router sent, parsed, in order. */
  messages: GraphqlWsMessage[];
  /** The close code and reason, once the socket closed. */
  closed: { code: number; reason: string } | null;
  /** Sends connection_init with the token; resolves on connection_ack. */
  signIn(token: string): Promise<void>;
  subscribe(id: string, query: string, variables: Record<string, unknown>): void;
  /** The `next` payloads of one subscription so far. */
  resultsOf(id: string): any[];
  /** Stops taking bytes off the TCP socket, so the kernel's buffers fill as a stuck client's would. */
  stopReading(): void;
  resumeReading(): void;
  /** Resolves with the close once the socket has closed. */
  closedWith(timeoutMs?: number): Promise<{ code: number; reason: string }>;
}

/** `headers` go with the handshake, e.g. X-Forwarded-For for a router that trusts a proxy in front of it. */
export function graphqlWsSocket(httpOrigin: string, headers: Record<string, string> = {}): GraphqlWsSocket {
  const socket = new WebSocket(`${httpOrigin.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', { headers });
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  opened.catch(() => undefined);
  // ws keeps the TCP socket in a private field; pausing it is how a client that stopped reading looks from the router.
  const tcp = () => (socket as unknown as { _socket: Socket })._socket;
  const state: GraphqlWsSocket = {
    socket,
    messages: [],
    closed: null,
    async signIn(token) {
      await opened;
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
      await vi.waitFor(
        () => {
          if (state.closed) throw new Error(`closed with ${state.closed.code} before connection_ack`);
          if (!state.messages.some((message) => message.type === 'connection_ack')) throw new Error('no connection_ack yet');
        },
        { timeout: 10_000, interval: 20 },
      );
    },
    subscribe(id, query, variables) {
      socket.send(JSON.stringify({ type: 'subscribe', id, payload: { query, variables } }));
    },
    resultsOf: (id) => state.messages.filter((message) => message.type === 'next' && message.id === id).map((message) => message.payload),
    stopReading: () => void tcp().pause(),
    resumeReading: () => void tcp().resume(),
    closedWith: (timeoutMs = 10_000) => closeOf(state, timeoutMs),
  };
  socket.on('message', (data: Buffer) => void state.messages.push(JSON.parse(data.toString('utf8')) as GraphqlWsMessage));
  socket.on('close', (code, reason) => void (state.closed = { code, reason: String(reason) }));
  socket.on('error', () => undefined);
  return state;
}
