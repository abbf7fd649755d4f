// Live updates from the Ledgerline router over WebSocket (graphql-ws, protocol
// graphql-transport-ws, at the same /graphql URL). The token is asked for on every (re)connect, so
// a reconnect after a refresh carries the fresh one.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient, type Client, type ClientOptions } from 'graphql-ws';
import type { GroupSavingsProgressSubscription, GroupSavingsProgressSubscriptionVariables } from './generated/graphql.js';
import type { LedgerlineError } from './client.js';
import { GroupSavingsProgressDocument } from './operations/savingsGroups.js';

export interface LedgerlineSubscriptionsOptions {
  /** The router's GraphQL endpoint as ws:// or wss://, e.g. "ws://127.0.0.1:4000/graphql". */
  url: string;
  /** The current token, asked for on every connection (so a reconnect after a refresh uses the new one). */
  token: () => string | null | undefined | Promise<string | null | undefined>;
  /** A WebSocket implementation where there is no global one (Node before 22: the `ws` package). */
  webSocketImpl?: unknown;
  /** Passed to graphql-ws's createClient as they are (retries, lazy, event listeners). */
  clientOptions?: Omit<ClientOptions, 'url' | 'connectionParams' | 'webSocketImpl'>;
}

export type GroupSavingsEvent = GroupSavingsProgressSubscription['groupSavingsProgress'];

export interface SubscriptionHandlers<Data> {
  next(data: Data): void;
  /**
   * The subscription ended with an error: GraphQL errors (FORBIDDEN for a non-member or one who
   * left, EVENTS_EXPIRED, NOT_FOUND), or the socket's close event (code 4401: the token expired or
   * was revoked; sign in again and follow again from the last sequence).
   */
  error(error: readonly LedgerlineError[] | { code: number; reason: string } | Error): void;
  complete?(): void;
}

export interface LedgerlineSubscriptions {
  /** The graphql-ws client underneath, for anything not covered here. */
  client: Client;
  /** Any subscription document of the SDK; gives back how to stop it. */
  subscribe<Data, Variables extends Record<string, unknown>>(
    document: TypedDocumentNode<Data, Variables>,
    variables: Variables,
    handlers: SubscriptionHandlers<Data>,
  ): () => void;
  /**
   * A group's events, each delivered once and in order. It keeps `since` at the last event it
   * delivered, so when graphql-ws reconnects (it retries on dropped connections) the router
   * replays exactly what was missed.
   */
  followGroupSavings(variables: GroupSavingsProgressSubscriptionVariables, handlers: SubscriptionHandlers<GroupSavingsEvent>): () => void;
  dispose(): Promise<void>;
}

export function createLedgerlineSubscriptions(options: LedgerlineSubscriptionsOptions): LedgerlineSubscriptions {
  const client = createClient({
    ...options.clientOptions,
    url: options.url,
    ...(options.webSocketImpl === undefined ? {} : { webSocketImpl: options.webSocketImpl }),
    connectionParams: async () => {
      const token = await options.token();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
  });

  function subscribe<Data, Variables extends Record<string, unknown>>(
    document: TypedDocumentNode<Data, Variables>,
    variables: Variables,
    handlers: SubscriptionHandlers<Data>,
  ): () => void {
    return client.subscribe<Data>(
      { query: print(document), variables },
      {
        next: (result) => {
          if (result.errors?.length) handlers.error(result.errors as LedgerlineError[]);
          else if (result.data) handlers.next(result.data);
        },
        error: (error) => handlers.error(error as Parameters<SubscriptionHandlers<Data>['error']>[0]),
        complete: () => handlers.complete?.(),
      },
    );
  }

  return {
    client,
    subscribe,
    followGroupSavings(variables, handlers) {
      // graphql-ws sends this same object again when it resubscribes after a reconnect.
      const resumable = { ...variables };
      let last = variables.since ?? null;
      return subscribe(GroupSavingsProgressDocument, resumable, {
        ...handlers,
        next: ({ groupSavingsProgress: event }) => {
          if (last !== null && event.sequence <= last) return;
          last = event.sequence;
          resumable.since = event.sequence;
          handlers.next(event);
        },
      });
    },
    dispose: () => Promise.resolve(client.dispose()),
  };
}
