// One subscriber's stream of a group's events. Opening it checks membership and replays what the
// subscriber missed (`since`), reading as the subscriber; after that it is one watcher of the
// router's shared fan-out (groupEventFanOut.ts), which reads each new event once per selection.
// Delivery is exact because each subscriber is only ever given events after the last it was given.
import { parseRecordId } from '@ledgerline/identity';
import { GraphQLError, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { Logger } from '@ledgerline/service-runtime';
import type { GroupEventFanOut, GroupSeat, GroupWatcher } from './groupEventFanOut.js';
import { EVENTS_PER_READ, type GroupEventQuery } from './groupEventQuery.js';
import { codeOf, eventResults, type RunAsSubscriber } from './groupEventReads.js';
import { pushQueue, type PushQueue } from './pushQueue.js';
import type { Sharing } from './viewerDependence.js';

const LAST_SEQUENCE_QUERY = 'query LedgerlineGroupFollow($id: ID!) { savingsGroup(id: $id) { lastSequence } }';
/** A catch-up read that failed for a passing reason is tried again after this. */
const RETRY_READ_MS = 1_000;
/** A resume reads its next page once no more than this many events wait to be sent. */
const CATCH_UP_LOW_WATER = EVENTS_PER_READ / 2;
/** Codes after which the subscription cannot go on: it ends with the error (UNAUTHENTICATED: the socket closes). */
const FINAL_CODES = new Set(['FORBIDDEN', 'NOT_FOUND', 'EVENTS_EXPIRED', 'BAD_USER_INPUT', 'UNAUTHENTICATED']);

export interface GroupProgressStream {
  results: PushQueue<FormattedExecutionResult>;
  /** Resolves when the subscriber's own catch-up is done or stopped. */
  settle(): Promise<void>;
}

export interface StreamSettings {
  query: GroupEventQuery;
  /** Which subscribers share this one's reads. */
  sharing: Sharing;
  callerId: number;
  fanOut: GroupEventFanOut;
  run: RunAsSubscriber;
  /** Whether the subscriber's token is still live (false: the socket is being closed with 4401). */
  stillLive(): Promise<boolean>;
  /** The token was refused (expired, revoked, account deleted): the socket closes with 4401. */
  onUnauthenticated(message: string): void;
  /** Counts the subscriber's own reads (opening, resuming). */
  onOwnRead(): void;
  onDelivered(): void;
  log: Logger;
}

/** Refusals as graphql-ws sends them: the subscription never starts. */
const asGraphQLErrors = (errors: readonly GraphQLFormattedError[]): GraphQLError[] =>
  errors.map((error) => new GraphQLError(error.message, { extensions: error.extensions ?? {} }));

const unavailable = (): GraphQLFormattedError[] => [
  { message: 'Live updates are unavailable right now; try again shortly', extensions: { code: 'SERVICE_UNAVAILABLE' } },
];

/** The stream, or the errors that refuse the subscription (non-member, unknown group, expired `since`...). */
export async function openGroupProgressStream(settings: StreamSettings): Promise<GroupProgressStream | GraphQLError[]> {
  const { query, run, log } = settings;
  const groupId = parseRecordId(query.groupId);
  if (groupId === null)
    return [new GraphQLError('groupId: must be the id of a savings group', { extensions: { code: 'BAD_USER_INPUT', field: 'groupId' } })];

  let lastDelivered = 0;
  let ended = false;
  let seat: GroupSeat | null = null;
  let retryTimer: NodeJS.Timeout | undefined;
  const results = pushQueue<FormattedExecutionResult>(() => stop());

  function stop(): void {
    ended = true;
    clearTimeout(retryTimer);
    seat?.leave();
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

  function deliver(sequence: number, result: FormattedExecutionResult): void {
    if (ended || sequence <= lastDelivered) return;
    results.push(result);
    lastDelivered = sequence;
    settings.onDelivered();
  }

  /** The group's latest sequence, read as the subscriber (so also a membership check), or the errors refusing it. */
  async function readLastSequence(): Promise<number | readonly GraphQLFormattedError[]> {
    const answer = await run(LAST_SEQUENCE_QUERY, 'LedgerlineGroupFollow', { id: query.groupId });
    const lastSequence = (answer.data?.['savingsGroup'] as { lastSequence?: number } | null | undefined)?.lastSequence;
    if (answer.errors?.length || typeof lastSequence !== 'number')
      return answer.errors ?? [{ message: 'The savings group could not be read' }];
    return lastSequence;
  }

  /** One page of the events after the last delivered, read as the subscriber: whether the page was full, or the errors refusing it. */
  async function readOwnPage(): Promise<boolean | readonly GraphQLFormattedError[]> {
    settings.onOwnRead();
    const answer = await run(query.document, query.operationName, { ...query.variables, ledgerlineAfter: lastDelivered });
    const events = eventResults(query, answer);
    if (events === null) return answer.errors ?? [{ message: 'The events could not be read' }];
    for (const { sequence, result } of events) deliver(sequence, result);
    return events.length === EVENTS_PER_READ;
  }

  /**
   * After a notice that the subscriber may have left: a deleted account closes the socket; a
   * member who left ends the subscription with FORBIDDEN; one who already came back goes on.
   */
  async function recheckMembership(): Promise<void> {
    if (ended) return;
    if (!(await settings.stillLive())) return stop();
    const answer = await readLastSequence().catch(() => unavailable());
    if (typeof answer === 'number') return;
    // Only an answer about membership ends it; a read that could not be made is asked again.
    if (FINAL_CODES.has(codeOf(answer) ?? '')) return finish(answer);
    log.warn({ errorCodes: answer.map((error) => error.extensions?.['code']) }, 'membership recheck failed; asking again shortly');
    retryTimer = setTimeout(() => void recheckMembership(), RETRY_READ_MS);
  }

  const watcher: GroupWatcher = {
    userId: settings.callerId,
    key: settings.sharing.key,
    scope: settings.sharing.scope,
    query,
    run,
    get lastDelivered() {
      return lastDelivered;
    },
    deliver,
    end: finish,
    recheckMembership: () => void recheckMembership(),
  };

  /** The rest of a long resume, a page at a time as the client takes them; then live with everyone else. */
  async function catchUpThenWatch(knownLast: number): Promise<void> {
    for (;;) {
      await results.whenAtMost(CATCH_UP_LOW_WATER);
      if (ended) return;
      const page = await readOwnPage().catch((error: unknown) => {
        log.warn({ err: error }, 'subscription catch-up read failed');
        return unavailable();
      });
      if (ended) return;
      if (page === false) break;
      if (page === true) continue;
      if (FINAL_CODES.has(codeOf(page) ?? '')) return finish(page);
      await new Promise((resolve) => (retryTimer = setTimeout(resolve, RETRY_READ_MS)));
    }
    seat?.watch(watcher, knownLast);
  }

  try {
    seat = await settings.fanOut.join(groupId);
  } catch (error) {
    log.warn({ err: error }, 'could not follow group events');
    return asGraphQLErrors(unavailable());
  }
  // Following first, reading second: an event committed in between is both read and announced, never neither.
  const lastSequence = await readLastSequence();
  let opened: boolean | readonly GraphQLFormattedError[] = typeof lastSequence === 'number' ? false : lastSequence;
  if (typeof lastSequence === 'number') {
    lastDelivered = query.since ?? lastSequence;
    // A `since` is read at once, so an expired or impossible one refuses the subscription.
    if (query.since !== null) opened = await readOwnPage();
  }
  if (typeof opened !== 'boolean') {
    stop();
    closedForToken(opened);
    return asGraphQLErrors(opened);
  }
  const known = typeof lastSequence === 'number' ? lastSequence : 0;
  const catchingUp = opened ? catchUpThenWatch(known) : Promise.resolve(seat.watch(watcher, known));
  return { results, settle: () => catchingUp };
}
