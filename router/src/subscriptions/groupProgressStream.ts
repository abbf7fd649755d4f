// One groupSavingsProgress subscription: it follows the group's notices, and reads through the
// gateway, as the subscriber, every event after the last one it delivered. Reading from the last
// delivered sequence is what makes delivery exact: a repeated notice reads nothing new, a missed
// one is made up by the next read, and a resume with `since` starts from there.
import { parseRecordId } from '@ledgerline/identity';
import { GraphQLError, type DocumentNode, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { Logger } from '@ledgerline/service-runtime';
import type { FeedSignal, GroupEventFeed } from './groupEventFeed.js';
import { EVENTS_PER_READ, type GroupEventQuery } from './groupEventQuery.js';
import { pushQueue, type PushQueue } from './pushQueue.js';

/** Runs an operation through the gateway as the subscriber. */
export type RunAsSubscriber = (
  document: DocumentNode | string,
  operationName: string | undefined,
  variables: Record<string, unknown>,
) => Promise<FormattedExecutionResult>;

const LAST_SEQUENCE_QUERY = 'query LedgerlineGroupFollow($id: ID!) { savingsGroup(id: $id) { lastSequence } }';
/** A read that failed for a passing reason (a subgraph briefly away) is tried again after this. */
const RETRY_READ_MS = 1_000;
/** Codes after which the subscription cannot go on: it ends with the error (UNAUTHENTICATED: the socket closes). */
const FINAL_CODES = new Set(['FORBIDDEN', 'NOT_FOUND', 'EVENTS_EXPIRED', 'BAD_USER_INPUT', 'UNAUTHENTICATED']);

export interface GroupProgressStream {
  results: PushQueue<FormattedExecutionResult>;
  /** Resolves when no read is under way: the events read so far are queued for the client. */
  settle(): Promise<void>;
}

export interface StreamSettings {
  query: GroupEventQuery;
  callerId: number;
  feed: GroupEventFeed;
  run: RunAsSubscriber;
  /** Whether the subscriber's token is still live (false: the socket is being closed with 4401). */
  stillLive(): Promise<boolean>;
  /** The token was refused (expired, revoked, account deleted): the socket closes with 4401. */
  onUnauthenticated(message: string): void;
  log: Logger;
}

const codeOf = (errors: readonly GraphQLFormattedError[]): string | undefined => {
  const code = errors[0]?.extensions?.['code'];
  return typeof code === 'string' ? code : undefined;
};

/** Refusals as graphql-ws sends them: the subscription never starts. */
const asGraphQLErrors = (errors: readonly GraphQLFormattedError[]): GraphQLError[] =>
  errors.map((error) => new GraphQLError(error.message, { extensions: error.extensions ?? {} }));

/** The stream, or the errors that refuse the subscription (non-member, unknown group, expired `since`...). */
export async function openGroupProgressStream(settings: StreamSettings): Promise<GroupProgressStream | GraphQLError[]> {
  const { query, run, log } = settings;
  const groupId = parseRecordId(query.groupId);
  if (groupId === null)
    return [new GraphQLError('groupId: must be the id of a savings group', { extensions: { code: 'BAD_USER_INPUT', field: 'groupId' } })];

  let lastDelivered = 0;
  let ended = false;
  let reading: Promise<void> | null = null;
  let readAgain = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let unfollow = () => {};
  const results = pushQueue<FormattedExecutionResult>(() => stop());

  function stop(): void {
    ended = true;
    clearTimeout(retryTimer);
    unfollow();
  }

  /** Closes the socket when the errors say the token was refused; whether they did. */
  function closedForToken(errors: readonly GraphQLFormattedError[]): boolean {
    if (codeOf(errors) !== 'UNAUTHENTICATED') return false;
    settings.onUnauthenticated(errors[0]?.message ?? 'Unauthenticated');
    return true;
  }

  function finish(errors: readonly GraphQLFormattedError[]): void {
    if (ended) return;
    if (!closedForToken(errors)) results.push({ errors });
    stop();
    results.end();
  }

  /** The group's latest sequence, read as the subscriber (so also a membership check), or the errors refusing it. */
  async function readLastSequence(): Promise<number | readonly GraphQLFormattedError[]> {
    const answer = await run(LAST_SEQUENCE_QUERY, 'LedgerlineGroupFollow', { id: query.groupId });
    const lastSequence = (answer.data?.['savingsGroup'] as { lastSequence?: number } | null | undefined)?.lastSequence;
    if (answer.errors?.length || typeof lastSequence !== 'number')
      return answer.errors ?? [{ message: 'The savings group could not be read' }];
    return lastSequence;
  }

  /** Reads every event after the last delivered one into the queue; the errors that stopped it, if any. */
  async function readNewEvents(): Promise<readonly GraphQLFormattedError[] | null> {
    for (;;) {
      const answer = await run(query.document, query.operationName, { ...query.variables, ledgerlineAfter: lastDelivered });
      const events = answer.data?.[query.responseKey] as Record<string, unknown>[] | null | undefined;
      if (!Array.isArray(events)) return answer.errors ?? [{ message: 'The events could not be read' }];
      events.forEach((raw, index) => {
        const { sequence, event } = query.split(raw);
        if (sequence <= lastDelivered || ended) return;
        // Errors of a field inside this event (a subgraph that could not answer) go with it.
        const errors = (answer.errors ?? [])
          .filter((error) => error.path?.[1] === index)
          .map((error) => ({ ...error, path: [query.responseKey, ...(error.path ?? []).slice(2)] }));
        results.push({ data: { [query.responseKey]: event }, ...(errors.length > 0 ? { errors } : {}) });
        lastDelivered = sequence;
      });
      if (events.length < EVENTS_PER_READ) return null;
    }
  }

  function read(): Promise<void> {
    if (reading) {
      readAgain = true;
      return reading;
    }
    reading = (async () => {
      do {
        readAgain = false;
        const errors = await readNewEvents().catch((error: unknown) => {
          log.warn({ err: error }, 'subscription read failed');
          return [{ message: 'The events could not be read', extensions: { code: 'SERVICE_UNAVAILABLE' } }];
        });
        if (errors === null || ended) continue;
        if (FINAL_CODES.has(codeOf(errors) ?? '')) finish(errors);
        else retryTimer = setTimeout(() => void read(), RETRY_READ_MS);
        return;
      } while (readAgain && !ended);
    })().finally(() => (reading = null));
    return reading;
  }

  /**
   * After a member_left notice about the subscriber: a deleted account closes the socket; a member
   * who left ends the subscription with FORBIDDEN; one who already came back goes on.
   */
  async function recheckMembership(): Promise<void> {
    if (!(await settings.stillLive())) return stop();
    const answer = await readLastSequence();
    if (typeof answer !== 'number') finish(answer);
  }

  function onSignal(signal: FeedSignal): void {
    if (ended) return;
    if (signal.kind === 'member_left') {
      if (signal.userId === settings.callerId) void recheckMembership();
    } else if (signal.kind === 'resync' || signal.sequence > lastDelivered) void read();
  }

  try {
    unfollow = await settings.feed.follow(groupId, onSignal);
  } catch (error) {
    log.warn({ err: error }, 'could not follow group events');
    return [new GraphQLError('Live updates are unavailable right now; try again shortly', { extensions: { code: 'SERVICE_UNAVAILABLE' } })];
  }
  // Following first, reading second: an event committed in between is both read and announced, never neither.
  const lastSequence = await readLastSequence();
  let refusal: readonly GraphQLFormattedError[] | null;
  if (typeof lastSequence === 'number') {
    lastDelivered = query.since ?? lastSequence;
    refusal = await readNewEvents();
  } else refusal = lastSequence;
  if (refusal !== null) {
    stop();
    closedForToken(refusal);
    return asGraphQLErrors(refusal);
  }
  return { results, settle: async () => void (await reading) };
}
