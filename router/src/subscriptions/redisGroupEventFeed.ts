// Group event notices from Redis pub/sub: one subscriber connection per router, subscribed to the
// channels of the groups this router has watchers for. Every replica subscribes for itself, so
// every replica hears every event of the groups it serves.
import { groupEventChannel, groupEventNoticeFromJson, groupIdOfEventChannel } from '@ledgerline/proto';
import type { Logger } from '@ledgerline/service-runtime';
import { Redis } from 'ioredis';
import { FOLLOW_TIMEOUT_MS, GroupListeners, withTimeout, type GroupEventFeed } from './groupEventFeed.js';

export function redisGroupEventFeed(redisUrl: string, keyPrefix: string, log: Logger): GroupEventFeed {
  const redis = new Redis(redisUrl, { connectionName: 'ledgerline-router-group-events', maxRetriesPerRequest: null });
  const listeners = new GroupListeners();
  let connectedBefore = false;

  redis.on('error', (error: Error) => log.warn({ err: error }, 'group event feed: Redis error'));
  redis.on('ready', () => {
    // ioredis subscribes again by itself; what was published while it was away is read from the log.
    if (connectedBefore) listeners.resyncAll();
    connectedBefore = true;
  });
  redis.on('message', (channel: string, text: string) => {
    const notice = groupEventNoticeFromJson(text);
    const groupId = groupIdOfEventChannel(keyPrefix, channel);
    if (notice === null || notice.groupId !== groupId) {
      log.warn({ channel }, 'group event feed: malformed notice dropped');
      return;
    }
    listeners.dispatch(notice);
  });

  // One SUBSCRIBE per group, shared by every watcher of it on this router.
  const subscriptions = new Map<number, Promise<unknown>>();

  return {
    async follow(groupId, listener) {
      const channel = groupEventChannel(keyPrefix, groupId);
      listeners.add(groupId, listener);
      const stop = () => {
        if (!listeners.remove(groupId, listener)) return;
        subscriptions.delete(groupId);
        void redis.unsubscribe(channel).catch(() => undefined);
      };
      let subscribed = subscriptions.get(groupId);
      if (subscribed === undefined) {
        subscribed = redis.subscribe(channel);
        subscriptions.set(groupId, subscribed);
        subscribed.catch(() => subscriptions.delete(groupId));
      }
      try {
        await withTimeout(subscribed, FOLLOW_TIMEOUT_MS, 'subscribing on Redis');
      } catch (error) {
        stop();
        throw error;
      }
      return stop;
    },
    async close() {
      // QUIT waits for a connection; while Redis is away it would wait for ever (commands are retried without end).
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
}
