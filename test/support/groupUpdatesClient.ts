// A client of the original WebSocket route, /ws/group-savings/{group_id}/updates, as a browser
// would use it: a plain WebSocket, the token in the first message (or the URL), JSON messages.
import { vi } from 'vitest';
import WebSocket from 'ws';
import { closeOf } from './socketClose.js';

export interface GroupUpdates {
  socket: WebSocket;
  messages: unknown[];
  /** The close code and reason, once the socket closed. */
  closed: { code: number; reason: string } | null;
  received(count: number): Promise<unknown[]>;
  /** Resolves with the close once the socket has closed. */
  closedWith(timeoutMs?: number): Promise<{ code: number; reason: string }>;
  stop(): void;
}

export interface UpdatesOptions {
  /** Sent as the first message `{"token": ...}`; omit to send nothing. */
  token?: string;
  /** A first message sent as it is, instead of the token. */
  firstMessage?: string;
  /** Put in the URL's `token` query parameter. */
  queryToken?: string;
  since?: number | string;
}

export function groupUpdates(httpOrigin: string, groupId: string, options: UpdatesOptions = {}): GroupUpdates {
  const url = new URL(`${httpOrigin.replace(/^http/, 'ws')}/ws/group-savings/${encodeURIComponent(groupId)}/updates`);
  if (options.queryToken !== undefined) url.searchParams.set('token', options.queryToken);
  if (options.since !== undefined) url.searchParams.set('since', String(options.since));
  const socket = new WebSocket(url);
  const state: GroupUpdates = {
    socket,
    messages: [],
    closed: null,
    async received(count) {
      await vi.waitFor(
        () => {
          if (state.messages.length < count) throw new Error(`${state.messages.length} of ${count} messages so far`);
        },
        { timeout: 10_000, interval: 20 },
      );
      return state.messages.slice(0, count);
    },
    closedWith: (timeoutMs = 10_000) => closeOf(state, timeoutMs),
    stop: () => socket.close(),
  };
  socket.on('open', () => {
    if (options.firstMessage !== undefined) socket.send(options.firstMessage);
    else if (options.token !== undefined) socket.send(JSON.stringify({ token: options.token }));
  });
  socket.on('message', (data: Buffer) => void state.messages.push(JSON.parse(data.toString('utf8'))));
  socket.on('close', (code, reason) => void (state.closed = { code, reason: String(reason) }));
  socket.on('error', () => undefined);
  return state;
}
