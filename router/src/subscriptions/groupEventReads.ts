// Reading a group's events through the gateway, as a subscriber: the shape both a subscriber's own
// catch-up and the shared fan-out read, and how an answer becomes one result per event.
import type { DocumentNode, FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import type { GroupEventQuery } from './groupEventQuery.js';

/** Runs an operation through the gateway as the subscriber. */
export type RunAsSubscriber = (
  document: DocumentNode | string,
  operationName: string | undefined,
  variables: Record<string, unknown>,
) => Promise<FormattedExecutionResult>;

export interface EventResult {
  sequence: number;
  /** What the subscriber is sent: the event as it selected it, with the errors of fields inside it. */
  result: FormattedExecutionResult;
}

export const codeOf = (errors: readonly GraphQLFormattedError[]): string | undefined => {
  const code = errors[0]?.extensions?.['code'];
  return typeof code === 'string' ? code : undefined;
};

/** The read's events, oldest first, or null when the read was refused (its errors say why). */
export function eventResults(query: GroupEventQuery, answer: FormattedExecutionResult): EventResult[] | null {
  const events = answer.data?.[query.responseKey] as Record<string, unknown>[] | null | undefined;
  if (!Array.isArray(events)) return null;
  return events.map((raw, index) => {
    const { sequence, event } = query.split(raw);
    // Errors of a field inside this event (a subgraph that could not answer) go with it.
    const errors = (answer.errors ?? [])
      .filter((error) => error.path?.[1] === index)
      .map((error) => ({ ...error, path: [query.responseKey, ...(error.path ?? []).slice(2)] }));
    return { sequence, result: { data: { [query.responseKey]: event }, ...(errors.length > 0 ? { errors } : {}) } };
  });
}
