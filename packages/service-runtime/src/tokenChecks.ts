// A client of the User service's AccountService.CheckToken: whether the caller's token still
// belongs to a live account. Finance asks before every operation (queries may use an answer up to
// `cacheMs` old; mutations always ask afresh), and the router before accepting a WebSocket and
// again while it stays open, so a deletion or revocation ends a user's access everywhere.
import { ACCOUNT_SERVICE, userV1, type CheckTokenResponse__Output, type TokenStatus } from '@ledgerline/proto';
import type { Deadline } from './deadlines.js';
import { callPeer, connectPeer, type GrpcCallerIdentity, type GrpcPeer } from './grpcClient.js';
import { refusedToken } from './tokenRefusal.js';
import type { GrpcCallMetrics } from './metrics/grpcCallMetrics.js';
import type { Caller } from '@ledgerline/identity';

/** The User service answers from one indexed row; past this the write fails rather than waits. */
const CHECK_DEADLINE_MS = 2_000;
/** Enough for every active user of a busy replica; the oldest answers go first. */
const MAX_CACHED_ANSWERS = 10_000;

export type Freshness = 'cached' | 'fresh';

export interface TokenChecks {
  /**
   * Resolves when the caller's token is live; UNAUTHENTICATED or SERVICE_UNAVAILABLE otherwise.
   * A request's deadline, when given, bounds the call to the User service.
   */
  assertLive(caller: Caller, freshness: Freshness, requestDeadline?: Deadline): Promise<void>;
  close(): void;
}

export function userServiceTokenChecks(address: string, self: GrpcCallerIdentity, cacheMs: number, calls: GrpcCallMetrics): TokenChecks {
  const peer: GrpcPeer = { address, serviceName: ACCOUNT_SERVICE, label: 'user' };
  // A check only reads, so the channel may retry it.
  const client = connectPeer(userV1.AccountService, peer, ['CheckToken'], calls);
  const answers = new Map<string, { status: TokenStatus; until: number }>();

  async function statusOf(caller: Caller, freshness: Freshness, requestDeadline: Deadline): Promise<TokenStatus> {
    const key = `${caller.userId}:${caller.accountKey}:${caller.sessionId}`;
    const cached = answers.get(key);
    if (freshness === 'cached' && cached !== undefined && cached.until > Date.now()) return cached.status;
    const { status } = await callPeer<CheckTokenResponse__Output>(
      peer,
      self,
      { userId: caller.userId, deadlineMs: CHECK_DEADLINE_MS, requestDeadline },
      (metadata, options, callback) =>
        client.checkToken({ accountKey: caller.accountKey, sessionId: caller.sessionId }, metadata, options, callback),
    );
    // With no cache time (the router's checks), there is nothing worth keeping.
    if (cacheMs > 0) {
      answers.delete(key);
      if (answers.size >= MAX_CACHED_ANSWERS) answers.delete(answers.keys().next().value ?? key);
      answers.set(key, { status, until: Date.now() + cacheMs });
    }
    return status;
  }

  return {
    async assertLive(caller, freshness, requestDeadline = null) {
      const status = await statusOf(caller, freshness, requestDeadline);
      if (status === 'TOKEN_STATUS_ACTIVE') return;
      throw refusedToken(status === 'TOKEN_STATUS_NO_ACCOUNT' ? 'no_account' : 'revoked');
    },
    close: () => client.close(),
  };
}
