// A graphql-ws client as a subscriber would run it, over a real WebSocket to the router, with
// what it received kept for the test to look at.
import type { FormattedExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { vi } from 'vitest';
import WebSocket from 'ws';

export interface Watch {
  results: FormattedExecutionResult[];
  /** The operation-level errors graphql-ws reported (a refusal), if any. */
  error: unknown;
  completed: boolean;
  /** The close event of the socket, once it closed. */
  closed: { code: number; reason: string } | null;
  /** Resolves once `count` results have arrived. */
  received(count: number): Promise<FormattedExecutionResult[]>;
  /** Resolves once the operation ended with an error or completed. */
  ended(): Promise<void>;
  stop(): Promise<void>;
}

export function subscriptionClient(httpOrigin: string, token: string | null): Client & { closeEvents: { code: number; reason: string }[] } {
  const closeEvents: { code: number; reason: string }[] = [];
  const client = createClient({
    url: `${httpOrigin.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token === null ? {} : { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    on: { closed: (event) => void closeEvents.push(event as { code: number; reason: string }) },
    onNonLazyError: () => undefined,
  });
  return Object.assign(client, { closeEvents });
}

export function watch(httpOrigin: string, token: string | null, query: string, variables: Record<string, unknown>): Watch {
  const client = subscriptionClient(httpOrigin, token);
  const state: Watch = {
    results: [],
    error: undefined,
    completed: false,
    get closed() {
      return client.closeEvents[0] ?? null;
    },
    async received(count) {
      await vi.waitFor(
        () => {
          if (state.results.length < count) throw new Error(`${state.results.length} of ${count} results so far`);
        },
        { timeout: 10_000, interval: 20 },
      );
      return state.results.slice(0, count);
    },
    async ended() {
      await vi.waitFor(
        () => {
          if (!state.completed && state.error === undefined) throw new Error('still subscribed');
        },
        { timeout: 10_000, interval: 20 },
      );
    },
    async stop() {
      unsubscribe();
      await client.dispose();
    },
  };
  const unsubscribe = client.subscribe(
    { query, variables },
    {
      next: (result) => void state.results.push(result as FormattedExecutionResult),
      error: (error) => void (state.error = error),
      complete: () => void (state.completed = true),
    },
  );
  return state;
}
