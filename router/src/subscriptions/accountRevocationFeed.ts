// How the router hears that an account's tokens were revoked (the account is being deleted, its
// holder signed out everywhere or changed the password) or one session's (it was logged out), so
// it refuses them and closes their WebSockets within seconds rather than at the next CheckToken:
// from Redis pub/sub, one channel for every user, or from the User service's gRPC stream
// AccountService.FollowAccountRevocations. Both follow from the moment they are made, for every
// user. A revocation missed while the bus is away is not replayed: the router's token answers
// expire within seconds (tokenLiveness.ts) and open sockets are rechecked periodically.
import type { ClientReadableStream } from '@grpc/grpc-js';
import {
  accountRevocationChannel,
  ACCOUNT_SERVICE,
  accountRevocationFromJson,
  accountRevocationFromMessage,
  userV1,
  type AccountRevocation,
  type FollowAccountRevocationsResponse__Output,
} from '@ledgerline/proto';
import { connectPeer, credentialMetadata, type GrpcCallerIdentity, type GrpcCallMetrics, type Logger } from '@ledgerline/service-runtime';
import { Redis } from 'ioredis';

export interface AccountRevocationFeed {
  /** Calls the listener with every revocation (an account's, or one session's), from now on; gives back how to stop. */
  onRevoked(listener: RevocationListener): () => void;
  close(): Promise<void>;
}

type RevocationListener = (revocation: AccountRevocation) => void;

/** The listeners both feeds keep; one that throws does not keep the others from hearing. */
function revocationListeners(log: Logger) {
  const listeners = new Set<RevocationListener>();
  return {
    add(listener: RevocationListener): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    dispatch(revocation: AccountRevocation): void {
      for (const listener of listeners) {
        try {
          listener(revocation);
        } catch (error) {
          log.error({ err: error, userId: revocation.userId }, 'account revocation listener failed');
        }
      }
    },
    clear: () => listeners.clear(),
  };
}

export function redisAccountRevocationFeed(redisUrl: string, keyPrefix: string, log: Logger): AccountRevocationFeed {
  const channelName = accountRevocationChannel(keyPrefix);
  const redis = new Redis(redisUrl, { connectionName: 'ledgerline-router-account-revocations', maxRetriesPerRequest: null });
  const listeners = revocationListeners(log);

  redis.on('error', (error: Error) => log.warn({ err: error }, 'account revocation feed: Redis error'));
  redis.on('message', (channel: string, text: string) => {
    const revocation = channel === channelName ? accountRevocationFromJson(text) : null;
    if (revocation === null) {
      log.warn({ channel }, 'account revocation feed: malformed message dropped');
      return;
    }
    listeners.dispatch(revocation);
  });
  // ioredis subscribes again by itself after reconnecting.
  redis.subscribe(channelName).catch((error: unknown) => log.error({ err: error }, 'account revocation feed: subscribe failed'));

  return {
    onRevoked: (listener) => listeners.add(listener),
    async close() {
      listeners.clear();
      // QUIT waits for a connection; while Redis is away it would wait for ever (commands are retried without end).
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
}

const FIRST_RETRY_MS = 250;
const LONGEST_RETRY_MS = 5_000;

export function grpcAccountRevocationFeed(
  userGrpcAddress: string,
  self: GrpcCallerIdentity,
  calls: GrpcCallMetrics,
  log: Logger,
): AccountRevocationFeed {
  const peer = { address: userGrpcAddress, serviceName: ACCOUNT_SERVICE, label: 'user' };
  const client = connectPeer(userV1.AccountService, peer, [], calls);
  const listeners = revocationListeners(log);
  let stream: ClientReadableStream<FollowAccountRevocationsResponse__Output> | null = null;
  let retryMs = FIRST_RETRY_MS;
  let retryTimer: NodeJS.Timeout | undefined;
  let closed = false;

  /** Opens the one stream; when it breaks (the User service restarted), opens it again with backoff. */
  function follow(): void {
    const call = client.followAccountRevocations({}, credentialMetadata(ACCOUNT_SERVICE, self, null));
    stream = call;
    call.on('metadata', () => {
      retryMs = FIRST_RETRY_MS;
      log.info('following account revocations over gRPC');
    });
    call.on('data', (message: FollowAccountRevocationsResponse__Output) => {
      const revocation = accountRevocationFromMessage(message);
      if (revocation === null) log.warn('account revocation feed: malformed message dropped');
      else listeners.dispatch(revocation);
    });
    call.on('error', (error: Error) => {
      if (!closed) log.warn({ err: error }, 'account revocation stream broke; following again shortly');
    });
    call.on('close', () => {
      stream = null;
      if (closed) return;
      retryTimer = setTimeout(follow, retryMs);
      retryMs = Math.min(retryMs * 2, LONGEST_RETRY_MS);
    });
  }
  follow();

  return {
    onRevoked: (listener) => listeners.add(listener),
    close() {
      closed = true;
      clearTimeout(retryTimer);
      listeners.clear();
      stream?.cancel();
      client.close();
      return Promise.resolve();
    },
  };
}
