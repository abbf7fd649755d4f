// The outbox relay: publishes every committed group event at least once, in order of commit
// within a group, and prunes the log past its retention. A contribution wakes it at once; a poll
// finds what a crash between commit and publish left behind (or another replica committed). A row
// is marked published only after the publisher took it, so a crash in between publishes it again:
// consumers drop the repeat by its sequence.
import type { GroupEventNotice } from '@ledgerline/proto';
import { SpanKind } from '@opentelemetry/api';
import {
  contextOfTraceParent,
  ledgerlineTracer,
  outsideAnyTrace,
  recordFailure,
  tracingEnabled,
  type Logger,
} from '@ledgerline/service-runtime';
import type { FinanceDatabase } from '../db.js';
import type { GroupEvent } from '../generated/prisma/client.js';
import type { GroupEventPublisher } from './groupEventPublishers.js';

const BATCH_SIZE = 200;
const PRUNE_EVERY_MS = 60_000;

export interface OutboxRelaySettings {
  pollMs: number;
  /** How long contribution events stay in the log that `since` replays from. */
  retentionMs: number;
}

/** What a change that committed an event tells, so the relay publishes it now rather than at its next poll. */
export interface EventAnnouncer {
  wake(): void;
}

export interface OutboxRelay extends EventAnnouncer {
  /** Finishes the batch in hand, then stops. */
  stop(): Promise<void>;
}

function noticeOf(row: GroupEvent): GroupEventNotice | null {
  const origin = { committedAtMs: row.createdAt.getTime(), traceParent: row.traceParent };
  if (row.kind === 'contribution' && row.sequence !== null)
    return { groupId: row.groupId, kind: 'contribution', sequence: row.sequence, origin };
  if (row.kind === 'member_left' && row.userId !== null) return { groupId: row.groupId, kind: 'member_left', userId: row.userId, origin };
  return null;
}

/** Publishes one batch of unpublished rows, oldest first; how many there were. */
export async function publishPending(db: FinanceDatabase, publisher: GroupEventPublisher): Promise<number> {
  const rows = await db.groupEvent.findMany({ where: { publishedAt: null }, orderBy: { id: 'asc' }, take: BATCH_SIZE });
  if (rows.length === 0) return 0;
  const spans = publishSpans(rows);
  try {
    await publisher.publish(rows.map(noticeOf).filter((notice) => notice !== null));
  } catch (error) {
    spans.failed(error);
    throw error;
  }
  spans.published();
  await db.groupEvent.updateMany({ where: { id: { in: rows.map((row) => row.id) } }, data: { publishedAt: new Date() } });
  return rows.length;
}

/** A PRODUCER span for each traced row, in the trace of the change that committed it. */
function publishSpans(rows: GroupEvent[]): { published(): void; failed(error: unknown): void } {
  if (!tracingEnabled()) return { published: () => {}, failed: () => {} };
  const spans = rows
    .filter((row) => row.traceParent !== null)
    .map((row) =>
      ledgerlineTracer().startSpan(
        'publish savings-group event',
        {
          kind: SpanKind.PRODUCER,
          attributes: { 'messaging.operation.type': 'send', 'ledgerline.group.id': row.groupId, 'ledgerline.group_event.kind': row.kind },
        },
        contextOfTraceParent(row.traceParent),
      ),
    );
  return {
    published: () => spans.forEach((span) => span.end()),
    failed(error) {
      for (const span of spans) {
        recordFailure(span, error);
        span.end();
      }
    },
  };
}

/**
 * Deletes published events the log no longer keeps: contributions older than the retention, and
 * every published 'member_left' notice (a notice is not replayed). How many went.
 */
export async function pruneGroupEvents(db: FinanceDatabase, retentionMs: number, now = new Date()): Promise<number> {
  const { count } = await db.groupEvent.deleteMany({
    where: {
      publishedAt: { not: null },
      OR: [{ createdAt: { lt: new Date(now.getTime() - retentionMs) } }, { kind: 'member_left' }],
    },
  });
  return count;
}

export function startOutboxRelay(
  db: FinanceDatabase,
  publisher: GroupEventPublisher,
  settings: OutboxRelaySettings,
  log: Logger,
  /** Counts the events published (outboxMetrics.ts). */
  published: { inc(count: number): void },
): OutboxRelay {
  let stopped = false;
  let wanted = false;
  let draining: Promise<void> | null = null;
  let lastPrune = 0;

  async function drain(): Promise<void> {
    while (wanted && !stopped) {
      wanted = false;
      try {
        const count = await publishPending(db, publisher);
        if (count > 0) published.inc(count);
        if (count === BATCH_SIZE) wanted = true;
        if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
          lastPrune = Date.now();
          const pruned = await pruneGroupEvents(db, settings.retentionMs);
          if (pruned > 0) log.debug({ pruned }, 'group event log pruned');
        }
      } catch (error) {
        // The rows stay unpublished; the next poll tries them again.
        log.warn({ err: error }, 'group event relay could not publish; retrying');
      }
    }
  }

  function wake(): void {
    wanted = true;
    // A contribution wakes the relay from inside its request; the batch it then publishes is not that request's work.
    draining ??= outsideAnyTrace(drain).finally(() => {
      draining = null;
      // Woken between the loop's last look and here: go round again.
      if (wanted && !stopped) wake();
    });
  }

  const poll = setInterval(wake, settings.pollMs);
  poll.unref();
  wake();
  return {
    wake,
    async stop() {
      stopped = true;
      clearInterval(poll);
      await draining;
    },
  };
}
