// Where the User service announces that an account's tokens (or one session's) are revoked: always
// to this process's followers (the gRPC FollowAccountRevocations streams), and with REDIS_URL also
// on the Redis channel every router replica subscribes to, so each refuses them at once.
// Best effort: a notice that cannot be published is logged and dropped, never failing the user's
// request, since every router also rechecks its sockets' tokens with CheckToken periodically.
import { accountRevocationChannel, accountRevocationJson, type AccountRevocation } from '@ledgerline/proto';
import type { Logger } from '@ledgerline/service-runtime';
import { Redis } from 'ioredis';

/** What the domain needs: to say that a user's tokens, or one session's, were just revoked. */
export interface AccountRevocationAnnouncer {
  /** Tells local followers at once and Redis in the background; never throws, never waits. */
  announce(revocation: AccountRevocation): void;
}

export type RevocationListener = (revocation: AccountRevocation) => void;

/** The followers' side: each gRPC stream registers while it is open. */
export interface AccountRevocationFollowers {
  follow(listener: RevocationListener): () => void;
}

export interface AccountRevocations extends AccountRevocationAnnouncer, AccountRevocationFollowers {
  /** Lets the publishes in flight finish, then closes the Redis connection. */
  close(): Promise<void>;
}

/** How long a publish may wait for Redis before it is given up (and logged). */
const PUBLISH_TIMEOUT_MS = 2_000;

export function accountRevocations(redisUrl: string | undefined, keyPrefix: string, log: Logger): AccountRevocations {
  const listeners = new Set<RevocationListener>();
  const redis = redisUrl === undefined ? null : revocationPublisherConnection(redisUrl, log);
  return {
    follow(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    announce(revocation) {
      const { userId } = revocation;
      for (const listener of listeners) {
        try {
          listener(revocation);
        } catch (error) {
          log.warn({ err: error, userId }, 'account revocation follower failed');
        }
      }
      redis
        ?.publish(accountRevocationChannel(keyPrefix), accountRevocationJson(revocation))
        .catch((error: unknown) => log.warn({ err: error, userId }, 'account revocation not published on Redis; routers recheck tokens'));
    },
    async close() {
      listeners.clear();
      // QUIT goes out after the publishes already queued, and resolves once they are answered.
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}

function revocationPublisherConnection(redisUrl: string, log: Logger): Redis {
  const redis = new Redis(redisUrl, {
    connectionName: 'ledgerline-user-account-revocations',
    maxRetriesPerRequest: 2,
    commandTimeout: PUBLISH_TIMEOUT_MS,
  });
  // ioredis reconnects by itself; each publish that fails meanwhile is logged by announce().
  redis.on('error', (error: Error) => log.debug({ err: error }, 'account revocation publisher: Redis error'));
  return redis;
}
