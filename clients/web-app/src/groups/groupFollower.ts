// Keeps one savings group's page current: reads the group, follows its events from exactly the
// state read, and re-reads the group after events (coalesced) for what an event does not carry:
// the leaderboard, the contributions, what remains. When the event log no longer reaches back to
// the page's sequence (EVENTS_EXPIRED), it starts again from a fresh read.
import { SavingsGroupDocument, type GroupSavingsEvent, type LedgerlineError, type SavingsGroupQuery } from '@ledgerline/web-sdk';
import { api, liveConnection, type LiveState } from '../api/ledgerline.js';
import { coalescedRefresh } from './coalescedRefresh.js';

export type Group = SavingsGroupQuery['savingsGroup'];

/** Why the page cannot show the group; `retry` when trying again may help. */
export interface GroupProblem {
  message: string;
  retry: boolean;
}

export interface GroupWatcher {
  group: (group: Group) => void;
  event: (event: GroupSavingsEvent) => void;
  connection: (state: LiveState) => void;
  problem: (problem: GroupProblem) => void;
}

export interface GroupFollower {
  /** Asks for a fresh read of the group (after the viewer's own contribution, say). */
  refresh: () => void;
  stop: () => void;
}

const NOT_A_MEMBER: GroupProblem = {
  message: 'Only members can see this challenge. Ask a member for its invite link to join.',
  retry: false,
};
const NO_SUCH_GROUP: GroupProblem = {
  message: 'There is no challenge here. It may have been deleted, or the link is wrong.',
  retry: false,
};
const UNREACHABLE: GroupProblem = { message: 'Could not reach Ledgerline. Check your connection and try again.', retry: true };
const LIVE_UPDATES_ENDED: GroupProblem = { message: 'Live updates for this challenge stopped. Try again to follow it.', retry: true };

type Read = { group: Group } | { problem: GroupProblem };

export function followGroup(groupId: string, watcher: GroupWatcher): GroupFollower {
  let stopped = false;
  let reconnecting = false;
  let stopEvents: (() => void) | null = null;

  const connection = liveConnection((state) => {
    if (stopped) return;
    watcher.connection(state);
    // Events missed while away are replayed with `since`; a read also brings anything else back.
    if (state === 'connected' && reconnecting) refresh();
    reconnecting = state === 'reconnecting';
  });

  const refresh = coalescedRefresh(async () => {
    const read = await readGroup(groupId);
    if (stopped) return;
    if ('group' in read) watcher.group(read.group);
    // A failed background read leaves the page as it was; only a lost membership ends it.
    else if (!read.problem.retry) watcher.problem(read.problem);
  });

  async function start(): Promise<void> {
    const read = await readGroup(groupId);
    if (stopped) return;
    if ('problem' in read) {
      watcher.problem(read.problem);
      return;
    }
    watcher.group(read.group);
    stopEvents = connection.followGroupSavings(
      { groupId, since: read.group.lastSequence },
      {
        next(event) {
          watcher.event(event);
          refresh();
        },
        error(error) {
          stopEvents = null;
          if (!stopped) onEventsFailed(error);
        },
      },
    );
  }

  function onEventsFailed(error: readonly LedgerlineError[] | { code: number; reason: string } | Error): void {
    if (!Array.isArray(error)) {
      // 4401: the token was refused, and liveConnection has already ended the session.
      if (!('code' in error && error.code === 4401)) watcher.problem(LIVE_UPDATES_ENDED);
      return;
    }
    const errors = error as readonly LedgerlineError[];
    if (errors.some((each) => each.extensions?.code === 'EVENTS_EXPIRED')) void start();
    else watcher.problem(problemOf(errors) ?? LIVE_UPDATES_ENDED);
  }

  void start();
  return {
    refresh,
    stop() {
      stopped = true;
      stopEvents?.();
      void connection.dispose();
    },
  };
}

async function readGroup(groupId: string): Promise<Read> {
  try {
    const result = await api.query(SavingsGroupDocument, { id: groupId });
    // A field the User service could not answer (a member's name) leaves the rest worth showing.
    if (result.data?.savingsGroup) return { group: result.data.savingsGroup };
    return { problem: problemOf(result.errors ?? []) ?? { message: result.errors?.[0]?.message ?? UNREACHABLE.message, retry: true } };
  } catch {
    return { problem: UNREACHABLE };
  }
}

function problemOf(errors: readonly LedgerlineError[]): GroupProblem | null {
  const codes = errors.map((error) => error.extensions?.code);
  if (codes.includes('FORBIDDEN')) return NOT_A_MEMBER;
  // An id that cannot be one (BAD_USER_INPUT on `id`) is as missing as an unknown one.
  if (codes.includes('NOT_FOUND') || codes.includes('BAD_USER_INPUT')) return NO_SUCH_GROUP;
  return null;
}
