// How the router hears of savings-group events: notices that a group has a new event (or lost a
// member), from Redis pub/sub (redisGroupEventFeed.ts) or Finance's gRPC stream
// (grpcGroupEventFeed.ts). A notice carries no data: each subscription reads the events it has not
// delivered through the gateway, so a missed or repeated notice costs nothing but a read.
import type { GroupEventNotice } from '@ledgerline/proto';

/** A notice, or word that notices may have been missed (the bus reconnected): read to catch up. */
export type FeedSignal = GroupEventNotice | { groupId: number; kind: 'resync' };
export type FeedListener = (signal: FeedSignal) => void;

export interface GroupEventFeed {
  /** Resolves once every later notice of the group reaches the listener; gives back how to stop. */
  follow(groupId: number, listener: FeedListener): Promise<() => void>;
  close(): Promise<void>;
}

/** How long following a group may wait for the bus before the subscription is refused as unavailable. */
export const FOLLOW_TIMEOUT_MS = 5_000;

/** The listeners of each group, as both feeds keep them. */
export class GroupListeners {
  private readonly byGroup = new Map<number, Set<FeedListener>>();

  /** Adds the listener; true when it is the group's first. */
  add(groupId: number, listener: FeedListener): boolean {
    const listeners = this.byGroup.get(groupId);
    if (listeners) {
      listeners.add(listener);
      return false;
    }
    this.byGroup.set(groupId, new Set([listener]));
    return true;
  }

  /** Removes the listener; true when the group has none left. */
  remove(groupId: number, listener: FeedListener): boolean {
    const listeners = this.byGroup.get(groupId);
    if (!listeners?.delete(listener) || listeners.size > 0) return false;
    this.byGroup.delete(groupId);
    return true;
  }

  get isEmpty(): boolean {
    return this.byGroup.size === 0;
  }

  dispatch(signal: FeedSignal): void {
    for (const listener of this.byGroup.get(signal.groupId) ?? []) listener(signal);
  }

  resyncAll(): void {
    for (const groupId of this.byGroup.keys()) this.dispatch({ groupId, kind: 'resync' });
  }
}

export function withTimeout<Value>(promise: Promise<Value>, ms: number, what: string): Promise<Value> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
