// A savings group as its page shows it, kept live for as long as the page is open.
import { useEffect, useRef, useState } from 'react';
import type { GroupSavingsEvent } from '@ledgerline/web-sdk';
import type { LiveState } from '../api/ledgerline.js';
import { followGroup, type Group, type GroupProblem } from './groupFollower.js';

const EVENTS_KEPT = 10;

export interface GroupProgressNow {
  total: string;
  target: string;
  percent: number;
}

export interface LiveGroup {
  group: Group | null;
  /** The newest progress known: an event's, until a read of the group catches up with it. */
  progress: GroupProgressNow | null;
  /** The events this page received, oldest first (the last few). */
  events: readonly GroupSavingsEvent[];
  connection: LiveState;
  problem: GroupProblem | null;
  refresh: () => void;
}

export function useLiveGroup(groupId: string): LiveGroup {
  const [group, setGroup] = useState<Group | null>(null);
  const [events, setEvents] = useState<readonly GroupSavingsEvent[]>([]);
  const [connection, setConnection] = useState<LiveState>('connecting');
  const [problem, setProblem] = useState<GroupProblem | null>(null);
  const refresh = useRef<() => void>(() => undefined);

  useEffect(() => {
    const follower = followGroup(groupId, {
      group: setGroup,
      event: (event) => setEvents((previous) => [...previous.slice(1 - EVENTS_KEPT), event]),
      connection: setConnection,
      problem: setProblem,
    });
    refresh.current = follower.refresh;
    return follower.stop;
  }, [groupId]);

  const progress = progressNow(group, events.at(-1) ?? null);
  return { group, progress, events, connection, problem, refresh: () => refresh.current() };
}

function progressNow(group: Group | null, event: GroupSavingsEvent | null): GroupProgressNow | null {
  if (event && (!group || event.sequence > group.lastSequence)) return event.progress;
  return group?.progress ?? null;
}
