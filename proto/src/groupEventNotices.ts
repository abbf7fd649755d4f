// A savings-group event notice as Finance publishes it and routers read it, over either bus:
// the gRPC stream's FollowGroupEventsResponse, or (with REDIS_URL) the same message as JSON on
// the group's Redis channel. One contract, so both buses carry exactly the same facts.
import type { FollowGroupEventsResponse__Output } from './generated/ledgerline/finance/v1/FollowGroupEventsResponse.js';

/** Where a notice comes from: when its change committed, and that change's trace (W3C traceparent) when it was traced. */
export interface NoticeOrigin {
  committedAtMs: number;
  traceParent: string | null;
}

export type GroupEventNotice = (
  { groupId: number; kind: 'contribution'; sequence: number } | { groupId: number; kind: 'member_left'; userId: number }
) & { origin?: NoticeOrigin };

/** The Redis channel of one group's notices (after the deployment's key prefix); routers subscribe to the groups they have watchers for. */
export const groupEventChannel = (keyPrefix: string, groupId: number): string => `${keyPrefix}savings-group:${groupId}:events`;

/** The group id of a channel named by groupEventChannel with this prefix, or null. */
export function groupIdOfEventChannel(keyPrefix: string, channel: string): number | null {
  if (!channel.startsWith(keyPrefix)) return null;
  const match = /^savings-group:(\d+):events$/.exec(channel.slice(keyPrefix.length));
  return match ? Number(match[1]) : null;
}

/** The origin a message carries, when it names one (older publishers send none). */
function originOf(committedAtMs: unknown, traceParent: unknown): { origin?: NoticeOrigin } {
  if (typeof committedAtMs !== 'number' || !Number.isSafeInteger(committedAtMs) || committedAtMs <= 0) return {};
  return { origin: { committedAtMs, traceParent: typeof traceParent === 'string' && traceParent !== '' ? traceParent : null } };
}

/** The notice in the stream's message, or null when the message carries neither kind. */
export function groupEventNoticeFromMessage(message: FollowGroupEventsResponse__Output): GroupEventNotice | null {
  const origin = originOf(message.committedAtUnixMs, message.traceparent);
  if (message.contribution) return { groupId: message.groupId, kind: 'contribution', sequence: message.contribution.sequence, ...origin };
  if (message.memberLeft) return { groupId: message.groupId, kind: 'member_left', userId: message.memberLeft.userId, ...origin };
  return null;
}

/** The stream's message (and, as JSON, the Redis message) for a notice. */
export function messageOfGroupEventNotice(notice: GroupEventNotice): FollowGroupEventsResponse__Output {
  const origin = { committedAtUnixMs: notice.origin?.committedAtMs ?? 0, traceparent: notice.origin?.traceParent ?? '' };
  return notice.kind === 'contribution'
    ? { groupId: notice.groupId, contribution: { sequence: notice.sequence }, memberLeft: null, notice: 'contribution', ...origin }
    : { groupId: notice.groupId, contribution: null, memberLeft: { userId: notice.userId }, notice: 'memberLeft', ...origin };
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value > 0;

/** Reads a Redis message; null for anything that is not a well-formed notice (it is logged and dropped). */
export function groupEventNoticeFromJson(text: string): GroupEventNotice | null {
  let message: Partial<Record<string, unknown>>;
  try {
    message = JSON.parse(text) as Partial<Record<string, unknown>>;
  } catch {
    return null;
  }
  const { groupId, contribution, memberLeft } = message;
  if (!isCount(groupId)) return null;
  const origin = originOf(message['committedAtUnixMs'], message['traceparent']);
  const sequence = (contribution as { sequence?: unknown } | null | undefined)?.sequence;
  if (isCount(sequence)) return { groupId, kind: 'contribution', sequence, ...origin };
  const userId = (memberLeft as { userId?: unknown } | null | undefined)?.userId;
  if (isCount(userId)) return { groupId, kind: 'member_left', userId, ...origin };
  return null;
}
