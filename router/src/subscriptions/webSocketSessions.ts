// Every signed-in WebSocket of this router, on either route: who is on it, which group streams it
// carries, and the rules that close it. A token is checked with the User service before the
// socket is admitted, again every tokenRecheckMs and at once when the User service says the
// account's tokens were revoked; it closes at the token's expiry. A user has at most
// maxConnectionsPerUser sockets, here or, with Redis, across every replica (connectionSlots/). A socket whose events wait unread longer than sendTimeoutMs
// (or pile up past maxQueuedEvents) belongs to a client that stopped reading: it is closed, and
// what waited for it is dropped, so one stuck client costs the others nothing.
import type { Caller, UserTokenClaims } from '@ledgerline/identity';
import { DomainError, type Logger, type TokenChecks } from '@ledgerline/service-runtime';
import type { WebSocket } from 'ws';
import type { RouterMetrics, WebSocketRouteName } from '../metrics.js';
import { closeReason, CloseCodes } from './closeCodes.js';
import type { ConnectionSlots, ReleaseSlot } from './connectionSlots/connectionSlots.js';
import type { GroupProgressStream } from './groupProgressStream.js';

export interface WebSocketSession {
  caller: Caller;
  route: WebSocketRouteName;
  socket: WebSocket;
  log: Logger;
  /** The live group streams the socket carries. */
  streams: Set<GroupProgressStream>;
}

export interface SessionRules {
  tokens: TokenChecks;
  tokenRecheckMs: number;
  maxConnectionsPerUser: number;
  /** Where each user's sockets are counted. */
  slots: ConnectionSlots;
  sendTimeoutMs: number;
  maxQueuedEvents: number;
  metrics: RouterMetrics;
  log: Logger;
}

export interface WebSocketSessions {
  /** The session of a socket whose token verified, or null once the socket has been closed (4401, 1013 or 4429). */
  admit(claims: UserTokenClaims, socket: WebSocket, route: WebSocketRouteName): Promise<WebSocketSession | null>;
  of(socket: WebSocket): WebSocketSession | undefined;
  /** Whether an open socket may stay: a refused token has closed it with 4401; while the User service cannot answer, it stays. */
  stillLive(session: WebSocketSession): Promise<boolean>;
  /** The User service announced that the user's tokens were revoked: their sockets are checked now. */
  revoked(userId: number): void;
  /** Closes the socket, counting why. */
  close(socket: WebSocket, code: number, reason: string, counted: string): void;
  /** Lets queued events reach their clients (up to waitMs), then closes every socket with 1001. */
  drain(waitMs: number): Promise<void>;
  /** Stops the timers; the User service client is its owner's to close. */
  stop(): void;
}

/** setTimeout's ceiling; a token living longer is re-checked when this fires. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;
/** How often sockets are looked at for a client that stopped reading. */
const SLOW_CONSUMER_SWEEP_MS = 500;
/**
 * How long a slow client's socket is left to take its close frame before it is dropped: it is not
 * reading, so the closing handshake would otherwise hold its places for ws's 30 s close timeout.
 */
const SLOW_CONSUMER_CLOSE_GRACE_MS = 3_000;

export function webSocketSessions(rules: SessionRules): WebSocketSessions {
  const { tokens, metrics, log } = rules;
  const sessions = new Map<WebSocket, WebSocketSession>();
  /** Each user's sockets on this router, admitted or being admitted: those a revocation has checked. */
  const socketsOfUser = new Map<number, Set<WebSocket>>();

  function close(socket: WebSocket, code: number, reason: string, counted: string): void {
    if (socket.readyState !== socket.OPEN && socket.readyState !== socket.CONNECTING) return;
    metrics.webSocketCloses.inc({ reason: counted });
    socket.close(code, closeReason(reason));
  }

  const unauthorized = (socket: WebSocket, message: string) => close(socket, CloseCodes.unauthorized, message, 'unauthorized');

  /** The User service's word on the token, asked afresh; 'refused' has closed the socket with 4401. */
  async function checkToken(caller: Caller, socket: WebSocket): Promise<'live' | 'refused' | 'unknown'> {
    try {
      await tokens.assertLive(caller, 'fresh');
      return 'live';
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'UNAUTHENTICATED')) return 'unknown';
      unauthorized(socket, error.message);
      return 'refused';
    }
  }

  const stillLive = async (session: WebSocketSession): Promise<boolean> => (await checkToken(session.caller, session.socket)) !== 'refused';

  function forget(socket: WebSocket, userId: number): void {
    const sockets = socketsOfUser.get(userId);
    sockets?.delete(socket);
    if (sockets?.size === 0) socketsOfUser.delete(userId);
  }

  /** Reserves one of the user's connections for the socket; null (and closed with 4429) over the limit. */
  async function reserve(userId: number, socket: WebSocket): Promise<ReleaseSlot | null> {
    const release = await rules.slots.take('user', String(userId), rules.maxConnectionsPerUser);
    if (release === null) {
      close(
        socket,
        CloseCodes.tooManyConnections,
        `At most ${rules.maxConnectionsPerUser} WebSockets per user`,
        'too_many_connections_user',
      );
    }
    return release;
  }

  function track(userId: number, socket: WebSocket): void {
    const sockets = socketsOfUser.get(userId) ?? new Set<WebSocket>();
    sockets.add(socket);
    socketsOfUser.set(userId, sockets);
  }

  /** Closes a socket whose client stopped reading, and drops what waited for it. */
  function closeSlowConsumer(session: WebSocketSession): void {
    session.log.warn({ route: session.route }, 'websocket closed: the client stopped reading');
    close(session.socket, CloseCodes.slowConsumer, 'Too slow: events waited unread; reconnect with since', 'slow_consumer');
    for (const stream of session.streams) void stream.results.return();
    setTimeout(() => session.socket.terminate(), SLOW_CONSUMER_CLOSE_GRACE_MS).unref();
  }

  const slowConsumers = setInterval(() => {
    const now = Date.now();
    const behind = (stream: GroupProgressStream) =>
      stream.results.size > rules.maxQueuedEvents || stream.results.oldestWaitMs(now) > rules.sendTimeoutMs;
    for (const session of sessions.values()) {
      for (const stream of session.streams) {
        if (!behind(stream)) continue;
        closeSlowConsumer(session);
        break;
      }
    }
  }, SLOW_CONSUMER_SWEEP_MS);
  slowConsumers.unref();

  // Revocations that no announcement reached (the User service could not publish) still close sockets.
  const recheck = setInterval(() => {
    for (const session of sessions.values()) void stillLive(session);
  }, rules.tokenRecheckMs);
  recheck.unref();

  return {
    async admit(claims, socket, route) {
      const caller = { userId: claims.userId, accountKey: claims.accountKey, sessionId: claims.sessionId };
      const release = await reserve(caller.userId, socket);
      if (release === null) return null;
      // Closed while the store was asked: its 'close' has been and gone.
      if (socket.readyState !== socket.OPEN) {
        release();
        return null;
      }
      track(caller.userId, socket);
      socket.once('close', () => {
        release();
        forget(socket, caller.userId);
      });
      const token = await checkToken(caller, socket);
      // 1013: try again later; graphql-ws clients reconnect after it.
      if (token === 'unknown')
        close(socket, CloseCodes.tryAgainLater, 'The account service is unavailable; try again shortly', 'account_service_unavailable');
      if (token !== 'live' || socket.readyState !== socket.OPEN) return null;
      const session: WebSocketSession = {
        caller,
        route,
        socket,
        log: log.child({ userId: caller.userId, transport: 'websocket', route }),
        streams: new Set(),
      };
      const untilExpiry = Math.min(claims.expiresAt.getTime() - Date.now(), LONGEST_TIMER_MS);
      const expiry = setTimeout(() => unauthorized(socket, 'Token expired: connect again with a new one'), untilExpiry);
      sessions.set(socket, session);
      metrics.webSocketConnections.inc({ route });
      socket.once('close', (code: number) => {
        clearTimeout(expiry);
        sessions.delete(socket);
        metrics.webSocketConnections.dec({ route });
        session.log.info({ code }, 'websocket closed');
      });
      session.log.info('websocket connected');
      return session;
    },
    of: (socket) => sessions.get(socket),
    stillLive,
    revoked(userId) {
      for (const socket of socketsOfUser.get(userId) ?? []) {
        const session = sessions.get(socket);
        if (session) void stillLive(session);
      }
    },
    close,
    async drain(waitMs) {
      const streams = [...sessions.values()].flatMap((session) => [...session.streams]);
      await Promise.all(streams.map((stream) => stream.settle()));
      const deadline = Date.now() + waitMs;
      while (streams.some((stream) => stream.results.size > 0) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      for (const socket of sessions.keys()) socket.close(CloseCodes.goingAway, 'The server is shutting down; reconnect');
    },
    stop() {
      clearInterval(recheck);
      clearInterval(slowConsumers);
    },
  };
}
