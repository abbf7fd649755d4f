// The slots the WebSocket limits per client address and per user count: in Redis, shared by every
// router replica with the same REDIS_URL (redisSlotStore.ts), or in this router alone. A store that
// fails when asked lets the socket in (counted in ledgerline_router_websocket_slot_store_errors_total
// and logged), as the login throttle lets a login through: an outage of Redis must not refuse every
// WebSocket.
import { randomBytes } from 'node:crypto';
import type { Logger } from '@ledgerline/service-runtime';
import { connectedRedis } from '../../cache/routerCaches.js';
import type { WebSocketSlotSettings } from '../../config.js';
import type { RouterMetrics } from '../../metrics.js';
import { inProcessSlotStore } from './inProcessSlotStore.js';
import { redisSlotStore } from './redisSlotStore.js';

export type SlotScope = 'address' | 'user';

/** Gives a socket's slot back; calling it again does nothing. */
export type ReleaseSlot = () => void;

export interface ConnectionSlots {
  /** A slot for one socket under the scope's key, or null when `limit` sockets hold one already. */
  take(scope: SlotScope, key: string, limit: number): Promise<ReleaseSlot | null>;
  /** Gives back every slot still held (the router is stopping) and lets the store go. */
  close(): Promise<void>;
}

type Step = 'take' | 'release' | 'renew';

/** While the store cannot answer, one warning per this long, not one per socket. */
const OUTAGE_WARNING_EVERY_MS = 10_000;

export async function connectionSlots(settings: WebSocketSlotSettings, metrics: RouterMetrics, log: Logger): Promise<ConnectionSlots> {
  // Tells this replica's sockets from every other replica's in the shared store.
  const replica = randomBytes(6).toString('base64url');
  let socketsSeen = 0;
  let lastWarning = 0;

  function storeFailed(step: Step, error: unknown): void {
    metrics.webSocketSlotStoreErrors.inc({ step });
    const now = Date.now();
    if (now - lastWarning < OUTAGE_WARNING_EVERY_MS) return;
    lastWarning = now;
    log.warn({ err: error, step }, 'websocket slot store failed: the connection limits let sockets in until it is back');
  }

  const { redis } = settings;
  const store =
    redis === null
      ? inProcessSlotStore()
      : redisSlotStore(await connectedRedis(redis.url, redis.commandTimeoutMs), {
          keyPrefix: redis.keyPrefix,
          leaseMs: settings.leaseMs,
          renewalFailed: (error) => storeFailed('renew', error),
        });

  return {
    async take(scope, key, limit) {
      const slotKey = `${scope}:${key}`;
      socketsSeen += 1;
      const holder = `${replica}:${socketsSeen}`;
      try {
        if (!(await store.take(slotKey, holder, limit))) return null;
      } catch (error) {
        storeFailed('take', error);
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        store.release(slotKey, holder).catch((error: unknown) => storeFailed('release', error));
      };
    },
    close: () => store.close(),
  };
}
