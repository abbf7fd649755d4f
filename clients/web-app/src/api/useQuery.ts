// Runs a query when a page shows it (and again when its variables change or the page asks), and
// keeps its answer. The answer of an older request never replaces a newer one.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { LedgerlineHttpError, type LedgerlineError } from '@ledgerline/web-sdk';
import { api } from './ledgerline.js';

export interface QueryState<Data> {
  data: Data | null;
  /** What went wrong, in words for the page; null when the last answer was complete. */
  error: string | null;
  errors: readonly LedgerlineError[];
  loading: boolean;
  /** Asks again (after a change); the current data stays on screen meanwhile. */
  refetch(): Promise<void>;
}

export function useQuery<Data, Variables extends Record<string, unknown>>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): QueryState<Data> {
  const [state, setState] = useState<Omit<QueryState<Data>, 'refetch'>>({ data: null, error: null, errors: [], loading: true });
  const latest = useRef(0);
  const key = JSON.stringify(variables);

  const run = useCallback(async () => {
    const request = ++latest.current;
    setState((previous) => ({ ...previous, loading: true }));
    let next: Omit<QueryState<Data>, 'refetch'>;
    try {
      const result = await api.query(document, ...([JSON.parse(key) as Variables] as [Variables]));
      const errors = result.errors ?? [];
      next = { data: result.data, errors, error: errors[0]?.message ?? null, loading: false };
    } catch (failure) {
      const error =
        failure instanceof LedgerlineHttpError
          ? `Ledgerline answered HTTP ${failure.status}.`
          : 'Could not reach Ledgerline. Check your connection and try again.';
      next = { data: null, errors: [], error, loading: false };
    }
    if (request === latest.current) setState((previous) => ({ ...next, data: next.data ?? previous.data }));
  }, [document, key]);

  useEffect(() => {
    // The query is the outside system this effect keeps in step with; `run` first marks the page as
    // loading (the variables changed), which the rule counts as a cascading render.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void run();
  }, [run]);

  return { ...state, refetch: run };
}
