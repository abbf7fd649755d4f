// Where the outbox relay publishes notices: always to this process's followers (the gRPC
// FollowGroupEvents streams), and with REDIS_URL also to each group's Redis channel, from which
// every router replica hears of every event.
import { groupEventChannel, messageOfGroupEventNotice, type GroupEventNotice } from '@ledgerline/proto';
import { Redis } from 'ioredis';

export interface GroupEventPublisher {
  /** Resolves once every notice is handed on; rejects when one could not be, so the relay tries again. */
  publish(notices: GroupEventNotice[]): Promise<void>;
  close(): Promise<void>;
}

export type NoticeListener = (notice: GroupEventNotice) => void;

/** The process's own followers: each gRPC stream registers while it is open. */
export interface LocalGroupEventFeed extends GroupEventPublisher {
  follow(listener: NoticeListener): () => void;
}

export function localGroupEventFeed(): LocalGroupEventFeed {
  const listeners = new Set<NoticeListener>();
  return {
    follow(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish(notices) {
      for (const notice of notices) for (const listener of listeners) listener(notice);
      return Promise.resolve();
    },
    close() {
      listeners.clear();
      return Promise.resolve();
    },
  };
}

export function redisGroupEventPublisher(redisUrl: string, keyPrefix: string): GroupEventPublisher {
  // Commands wait while Redis is away (the relay's publish then fails at its timeout and retries).
  const redis = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2, connectionName: 'ledgerline-finance-relay' });
  redis.on('error', () => {
    // ioredis reconnects by itself; a publish that fails is retried by the relay, which logs it.
  });
  return {
    async publish(notices) {
      const pipeline = redis.pipeline();
      for (const notice of notices)
        pipeline.publish(groupEventChannel(keyPrefix, notice.groupId), JSON.stringify(messageOfGroupEventNotice(notice)));
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error !== null);
      if (failed) throw failed[0] ?? new Error('Redis publish failed');
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** Every publisher in turn; the batch counts as published only when all of them took it. */
export function allOf(publishers: GroupEventPublisher[]): GroupEventPublisher {
  return {
    async publish(notices) {
      for (const publisher of publishers) await publisher.publish(notices);
    },
    async close() {
      await Promise.all(publishers.map((publisher) => publisher.close()));
    },
  };
}
