// One subscriber: a WebSocket to the router following the group, on either route, timing every
// event it receives against the moment Finance stamped the contribution (same machine clock).
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { Contribution } from './benchGroup.js';
import type { BenchRoute } from './benchOptions.js';

export interface Receipt {
  subscriber: number;
  /** Which contribution it announced (eventKeyOf). */
  eventKey: string;
  latencyMs: number;
}

export interface SubscriberListener {
  onReceipt(receipt: Receipt): void;
  /**
   * Something other than an event: a close the benchmark did not ask for, a refusal, a stray
   * message. `ended`: the subscriber will receive nothing more.
   */
  onProblem(subscriber: number, problem: string, ended: boolean): void;
}

export interface SubscriberSocket {
  /** True once the router accepted the socket (graphql-ws: connection_ack; raw: open, token sent); false if it never did. */
  opened: Promise<boolean>;
  close(): Promise<void>;
}

interface SubscriberSettings {
  routerOrigin: string;
  groupId: string;
  token: string;
  index: number;
  listener: SubscriberListener;
}

const SUBSCRIPTION = `subscription Bench($groupId: ID!) {
  groupSavingsProgress(groupId: $groupId) { sequence contribution { amount createdAt contributor { username } } progress { total percent } }
}`;

interface ProgressEvent {
  groupSavingsProgress: { sequence: number; contribution: { createdAt: string } };
}

interface RawUpdate {
  user_id: number;
  contribution_amount: number;
  message: string;
  timestamp: string;
}

/** How a received event is matched to the contribution that caused it: graphql events carry its sequence, raw ones its message. */
export function eventKeyOf(route: BenchRoute, contribution: Contribution): string {
  return route === 'graphql' ? String(contribution.sequence) : contribution.message;
}

const OPEN_TIMEOUT_MS = 30_000;
const webSocketOrigin = (routerOrigin: string) => routerOrigin.replace(/^http/, 'ws');

function graphqlSubscriber({ routerOrigin, groupId, token, index, listener }: SubscriberSettings): SubscriberSocket {
  let closing = false;
  let accepted: (value: boolean) => void = () => {};
  const opened = new Promise<boolean>((resolve) => (accepted = resolve));
  const client = createClient({
    url: `${webSocketOrigin(routerOrigin)}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: false,
    retryAttempts: 0,
    connectionAckWaitTimeout: OPEN_TIMEOUT_MS,
    on: {
      connected: () => accepted(true),
      closed: (event) => {
        accepted(false);
        if (!closing) listener.onProblem(index, `closed ${(event as { code?: number }).code ?? '?'}`, true);
      },
    },
    onNonLazyError: () => {},
  });
  const unsubscribe = client.subscribe<ProgressEvent>(
    { query: SUBSCRIPTION, variables: { groupId } },
    {
      next: (result) => {
        const receivedAt = Date.now();
        const event = result.data?.groupSavingsProgress;
        if (!event) return listener.onProblem(index, `error ${result.errors?.[0]?.message ?? 'without data'}`, false);
        listener.onReceipt({
          subscriber: index,
          eventKey: String(event.sequence),
          latencyMs: receivedAt - Date.parse(event.contribution.createdAt),
        });
      },
      // A close reaches `closed` above; only a refused subscription (GraphQL errors) is counted here.
      error: (error) => {
        if (Array.isArray(error))
          listener.onProblem(index, `refused ${(error[0] as { message?: string } | undefined)?.message ?? ''}`, true);
      },
      complete: () => {
        if (!closing) listener.onProblem(index, 'completed by the router', true);
      },
    },
  );
  return {
    opened,
    async close() {
      closing = true;
      unsubscribe();
      await client.dispose();
    },
  };
}

function rawUpdateFrom(data: WebSocket.RawData): RawUpdate | null {
  try {
    // ws hands over a Buffer: its binaryType is the default, 'nodebuffer'.
    const parsed = JSON.parse((data as Buffer).toString('utf8')) as Partial<RawUpdate>;
    return typeof parsed.message === 'string' && typeof parsed.timestamp === 'string' ? (parsed as RawUpdate) : null;
  } catch {
    return null;
  }
}

function rawSubscriber({ routerOrigin, groupId, token, index, listener }: SubscriberSettings): SubscriberSocket {
  const socket = new WebSocket(`${webSocketOrigin(routerOrigin)}/ws/group-savings/${groupId}/updates`, {
    handshakeTimeout: OPEN_TIMEOUT_MS,
  });
  let closing = false;
  let wasOpen = false;
  const opened = new Promise<boolean>((resolve) => {
    socket.once('open', () => {
      wasOpen = true;
      socket.send(JSON.stringify({ token }));
      resolve(true);
    });
    socket.once('error', (error) => {
      if (!wasOpen) listener.onProblem(index, `could not open: ${error.message}`, true);
      resolve(false);
    });
  });
  socket.on('message', (data) => {
    const receivedAt = Date.now();
    const update = rawUpdateFrom(data);
    if (update === null) return listener.onProblem(index, 'a message that is not an update (ignored)', false);
    listener.onReceipt({ subscriber: index, eventKey: update.message, latencyMs: receivedAt - Date.parse(update.timestamp) });
  });
  const closed = new Promise<void>((resolve) =>
    socket.once('close', (code) => {
      if (wasOpen && !closing) listener.onProblem(index, `closed ${code}`, true);
      resolve();
    }),
  );
  return {
    opened,
    async close() {
      closing = true;
      socket.close(1000);
      await closed;
    },
  };
}

export function openSubscriber(route: BenchRoute, settings: SubscriberSettings): SubscriberSocket {
  return route === 'graphql' ? graphqlSubscriber(settings) : rawSubscriber(settings);
}
