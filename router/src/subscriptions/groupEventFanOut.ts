// One router's live delivery of savings-group events: each group is followed once, however many
// subscribers it has here, and each new event is read through the gateway once per distinct
// selection (document and variables) among them, or once per viewer when the selection holds a
// field that differs by viewer (viewerDependence.ts). Every subscriber is then given the events
// after the last one it has, so delivery stays exact while the reads are shared.
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import type { Logger } from '@ledgerline/service-runtime';
import type { ResolutionScope, RouterMetrics } from '../metrics.js';
import type { FeedSignal, GroupEventFeed } from './groupEventFeed.js';
import { EVENTS_PER_READ, type GroupEventQuery } from './groupEventQuery.js';
import { codeOf, eventResults, type RunAsSubscriber } from './groupEventReads.js';
import { deliverEvent } from './eventDeliverySpan.js';

/** One subscriber, as the fan-out sees it. */
export interface GroupWatcher {
  userId: number;
  /** Watchers with the same key are given the same read of each event. */
  key: string;
  scope: Exclude<ResolutionScope, 'catch_up'>;
  query: GroupEventQuery;
  /** Runs the read as this watcher's user. */
  run: RunAsSubscriber;
  /** The last sequence this watcher was given. */
  readonly lastDelivered: number;
  deliver(sequence: number, result: FormattedExecutionResult): void;
  /** Errors that end this watcher (it left the group, its token was refused, the group is gone). */
  end(errors: readonly GraphQLFormattedError[]): void;
  /** The group may have lost this watcher's user (a member_left notice, or notices were missed). */
  recheckMembership(): void;
}

export interface GroupSeat {
  /** From now on the watcher is given every event after its lastDelivered; `knownLast` is the group's last sequence as it read it. */
  watch(watcher: GroupWatcher, knownLast: number): void;
  /** Stops watching; the group is unfollowed when its last seat leaves. */
  leave(): void;
}

export interface GroupEventFanOut {
  /** A seat at the group: resolves once every later notice of the group is heard, so nothing committed after it is missed. */
  join(groupId: number): Promise<GroupSeat>;
  /** Resolves when no shared read is under way: the events read so far are queued for their subscribers. */
  settle(): Promise<void>;
}

/** A read that failed for a passing reason (a subgraph briefly away) is tried again after this. */
const RETRY_READ_MS = 1_000;
/** Codes that end only the watcher the read ran as: someone else is asked next. */
const RUNNER_CODES = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);
/** Codes that end every watcher of the selection. */
const SELECTION_CODES = new Set(['NOT_FOUND', 'EVENTS_EXPIRED', 'BAD_USER_INPUT']);
const MEMBERS_QUERY = 'query LedgerlineGroupMembers($id: ID!) { savingsGroup(id: $id) { members { user { id } } } }';

interface GroupChannel {
  groupId: number;
  seats: number;
  followed: Promise<void>;
  unfollow(): void;
  watchers: Map<string, Set<GroupWatcher>>;
  /** The highest sequence known to exist: from notices, reads and joining watchers. */
  highestSeen: number;
  reading: Promise<void> | null;
  readAgain: boolean;
  /** Notices may have been missed: read every selection, and check who is still a member. */
  resyncPending: boolean;
  retryTimer: NodeJS.Timeout | undefined;
}

export function groupEventFanOut(feed: GroupEventFeed, metrics: RouterMetrics, log: Logger): GroupEventFanOut {
  const channels = new Map<number, GroupChannel>();

  const allWatchers = (channel: GroupChannel): GroupWatcher[] => [...channel.watchers.values()].flatMap((set) => [...set]);

  function onSignal(channel: GroupChannel, signal: FeedSignal): void {
    if (signal.kind === 'member_left') {
      for (const watcher of allWatchers(channel)) if (watcher.userId === signal.userId) watcher.recheckMembership();
      return;
    }
    if (signal.kind === 'resync') {
      channel.resyncPending = true;
      void read(channel);
      return;
    }
    channel.highestSeen = Math.max(channel.highestSeen, signal.sequence);
    const { origin } = signal;
    const event = { groupId: channel.groupId, sequence: signal.sequence, traceParent: origin?.traceParent ?? null };
    void deliverEvent(event, () => read(channel)).then(() => {
      if (origin) metrics.groupEventDeliveryLag.observe(Math.max(0, Date.now() - origin.committedAtMs) / 1000);
    });
  }

  function read(channel: GroupChannel): Promise<void> {
    if (channel.reading) {
      channel.readAgain = true;
      return channel.reading;
    }
    channel.reading = (async () => {
      do {
        channel.readAgain = false;
        const resync = channel.resyncPending;
        channel.resyncPending = false;
        if (resync) await sweepMembers(channel);
        await Promise.all([...channel.watchers.keys()].map((key) => readSelection(channel, key, resync)));
      } while (channel.readAgain && channels.get(channel.groupId) === channel);
    })().finally(() => (channel.reading = null));
    return channel.reading;
  }

  function retryLater(channel: GroupChannel): void {
    clearTimeout(channel.retryTimer);
    channel.retryTimer = setTimeout(() => {
      channel.resyncPending = true;
      void read(channel);
    }, RETRY_READ_MS);
  }

  /** Reads the selection's new events, as one of its watchers, and gives each watcher those after its own last one. */
  async function readSelection(channel: GroupChannel, key: string, force: boolean): Promise<void> {
    for (;;) {
      const watchers = [...(channel.watchers.get(key) ?? [])];
      const runner = watchers[0];
      if (runner === undefined) return;
      const after = Math.min(...watchers.map((watcher) => watcher.lastDelivered));
      if (after >= channel.highestSeen && !force) return;
      const { query } = runner;
      metrics.groupEventResolutions.inc({ scope: runner.scope });
      let answer: FormattedExecutionResult;
      try {
        answer = await runner.run(query.document, query.operationName, { ...query.variables, ledgerlineAfter: after });
      } catch (error) {
        log.warn({ err: error, groupId: channel.groupId }, 'group event read failed');
        return retryLater(channel);
      }
      const events = eventResults(query, answer);
      if (events === null) {
        const errors = answer.errors ?? [{ message: 'The events could not be read' }];
        const code = codeOf(errors) ?? '';
        if (RUNNER_CODES.has(code)) {
          runner.end(errors);
          continue;
        }
        if (SELECTION_CODES.has(code)) return watchers.forEach((watcher) => watcher.end(errors));
        log.warn({ groupId: channel.groupId, errorCodes: errors.map((error) => error.extensions?.['code']) }, 'group event read refused');
        return retryLater(channel);
      }
      for (const { sequence, result } of events) {
        channel.highestSeen = Math.max(channel.highestSeen, sequence);
        for (const watcher of channel.watchers.get(key) ?? []) if (sequence > watcher.lastDelivered) watcher.deliver(sequence, result);
      }
      if (events.length < EVENTS_PER_READ) return;
      force = false;
    }
  }

  /** After notices may have been missed: one read of the member list, and a closer look at every watcher not on it. */
  async function sweepMembers(channel: GroupChannel): Promise<void> {
    for (const runner of allWatchers(channel)) {
      const answer = await runner.run(MEMBERS_QUERY, 'LedgerlineGroupMembers', { id: String(channel.groupId) }).catch(() => null);
      const members = (answer?.data?.['savingsGroup'] as { members?: { user: { id: string } | null }[] } | null | undefined)?.members;
      if (members === undefined) {
        runner.recheckMembership();
        continue;
      }
      const ids = new Set(members.map((member) => Number(member.user?.id)));
      for (const watcher of allWatchers(channel)) if (!ids.has(watcher.userId)) watcher.recheckMembership();
      return;
    }
  }

  function channelOf(groupId: number): GroupChannel {
    const existing = channels.get(groupId);
    if (existing) return existing;
    const channel: GroupChannel = {
      groupId,
      seats: 0,
      followed: Promise.resolve(),
      unfollow: () => {},
      watchers: new Map(),
      highestSeen: 0,
      reading: null,
      readAgain: false,
      resyncPending: false,
      retryTimer: undefined,
    };
    channel.followed = feed
      .follow(groupId, (signal) => onSignal(channel, signal))
      .then((unfollow) => {
        if (channels.get(groupId) === channel) channel.unfollow = unfollow;
        else unfollow();
      });
    channel.followed.catch(() => {
      if (channels.get(groupId) === channel) channels.delete(groupId);
    });
    channels.set(groupId, channel);
    return channel;
  }

  function release(channel: GroupChannel): void {
    channel.seats -= 1;
    if (channel.seats > 0 || channels.get(channel.groupId) !== channel) return;
    channels.delete(channel.groupId);
    clearTimeout(channel.retryTimer);
    channel.unfollow();
  }

  return {
    async join(groupId) {
      const channel = channelOf(groupId);
      channel.seats += 1;
      try {
        await channel.followed;
      } catch (error) {
        release(channel);
        throw error;
      }
      let watching: GroupWatcher | null = null;
      let left = false;
      return {
        watch(watcher, knownLast) {
          if (left) return;
          watching = watcher;
          const selection = channel.watchers.get(watcher.key) ?? new Set();
          selection.add(watcher);
          channel.watchers.set(watcher.key, selection);
          channel.highestSeen = Math.max(channel.highestSeen, knownLast);
          if (watcher.lastDelivered < channel.highestSeen) void read(channel);
        },
        leave() {
          if (left) return;
          left = true;
          if (watching) {
            const selection = channel.watchers.get(watching.key);
            selection?.delete(watching);
            if (selection?.size === 0) channel.watchers.delete(watching.key);
          }
          release(channel);
        },
      };
    },
    async settle() {
      await Promise.all([...channels.values()].map((channel) => channel.reading ?? Promise.resolve()));
    },
  };
}
