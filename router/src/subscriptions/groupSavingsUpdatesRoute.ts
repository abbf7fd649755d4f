// The original design's WebSocket route, /ws/group-savings/{group_id}/updates: the same committed
// events as the groupSavingsProgress subscription, through the same fan-out and membership rule,
// sent in the original message shape (groupSavingsUpdateMessage.ts). The token comes in the
// first message, `{"token": "<jwt>"}` (preferred: URLs end up in proxy logs), or a `token` query
// parameter; it is never logged. `since` resumes as the subscription's argument does. The close
// codes are closeCodes.ts.
import type { IncomingMessage } from 'node:http';
import type { UserTokenClaims } from '@ledgerline/identity';
import { requestIdFrom } from '@ledgerline/service-runtime';
import { clientAddressOf } from '../clientAddress.js';
import { getOperationAST, GraphQLError, parse, validate, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { tokenClaimsFromAuthorization, type RouterContext } from '../context.js';
import { CloseCodes } from './closeCodes.js';
import { codeOf } from './groupEventReads.js';
import type { GroupProgressStream } from './groupProgressStream.js';
import { groupSavingsUpdateMessage, UPDATE_SELECTION } from './groupSavingsUpdateMessage.js';
import { openSessionStream } from './sessionStream.js';
import { inWebSocketOperationSpan } from './webSocketOperationSpan.js';
import type { WebSocketRouteServer, WebSocketRouteSettings } from './webSocketRouteSettings.js';
import type { WebSocketSession } from './webSocketSessions.js';

const PATH = /^\/ws\/group-savings\/([^/]+)\/updates$/;
/** The route as traces name it: no group id in a span name. */
const ROUTE_TEMPLATE = '/ws/group-savings/{group_id}/updates';
const OPERATION = `subscription GroupSavingsUpdates($groupId: ID!, $since: Int) {
  groupSavingsProgress(groupId: $groupId, since: $since) { ${UPDATE_SELECTION} }
}`;
const RESPONSE_KEY = 'groupSavingsProgress';
const FIRST_MESSAGE_HINT = 'The first message must be {"token": "<token>"}';

/** The close code for the errors that refused or ended a stream. */
function closeCodeOf(errors: readonly GraphQLFormattedError[]): number {
  switch (codeOf(errors)) {
    case 'FORBIDDEN':
      return CloseCodes.forbidden;
    case 'NOT_FOUND':
      return CloseCodes.notFound;
    case 'EVENTS_EXPIRED':
      return CloseCodes.eventsExpired;
    case 'BAD_USER_INPUT':
      return CloseCodes.badRequest;
    case 'UNAUTHENTICATED':
      return CloseCodes.unauthorized;
    case undefined:
    default:
      return CloseCodes.tryAgainLater;
  }
}

/** The token of the first message: `{"token": "<jwt>"}` (a "Bearer " prefix is accepted); null for anything else. */
function tokenOfFirstMessage(data: RawData, isBinary: boolean): string | null {
  // ws hands text messages over as one Buffer (its default binaryType).
  if (isBinary || !Buffer.isBuffer(data)) return null;
  try {
    const message = JSON.parse(data.toString('utf8')) as unknown;
    const token = typeof message === 'object' && message !== null ? (message as Record<string, unknown>)['token'] : undefined;
    return typeof token === 'string' && token.trim() !== '' ? token.replace(/^Bearer\s+/i, '') : null;
  } catch {
    return null;
  }
}

const send = (socket: WebSocket, text: string): Promise<void> =>
  new Promise((resolve) => (socket.readyState === socket.OPEN ? socket.send(text, () => resolve()) : resolve()));

export function groupSavingsUpdates(settings: WebSocketRouteSettings): WebSocketRouteServer {
  const { schema, plans, sessions, metrics, log } = settings;
  const webSockets = new WebSocketServer({ noServer: true, maxPayload: settings.maxMessageBytes });
  const document = parse(OPERATION);
  const invalid = validate(schema, document);
  if (invalid.length > 0) throw new Error(`The group updates route's subscription no longer fits the schema: ${invalid[0]?.message}`);
  const operation = getOperationAST(document)!;

  const close = (socket: WebSocket, code: number, reason: string, counted: string) => sessions.close(socket, code, reason, counted);

  /** The token, from the URL or the first message; null once the socket was closed for lacking one. */
  function tokenOf(socket: WebSocket, url: URL): Promise<string | null> {
    const fromUrl = url.searchParams.get('token');
    if (fromUrl !== null) return Promise.resolve(fromUrl);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        close(
          socket,
          CloseCodes.initTimeout,
          `No first message within ${settings.initTimeoutMs} ms. ${FIRST_MESSAGE_HINT}`,
          'init_timeout',
        );
        resolve(null);
      }, settings.initTimeoutMs);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve(null);
      });
      socket.once('message', (data, isBinary) => {
        clearTimeout(timer);
        const token = tokenOfFirstMessage(data, isBinary);
        if (token === null) close(socket, CloseCodes.badRequest, FIRST_MESSAGE_HINT, 'bad_request');
        resolve(token);
      });
    });
  }

  function claimsOf(socket: WebSocket, token: string): UserTokenClaims | null {
    try {
      const claims = tokenClaimsFromAuthorization(`Bearer ${token}`, settings.jwtSecret);
      if (claims !== null) return claims;
    } catch (error) {
      close(socket, CloseCodes.unauthorized, error instanceof GraphQLError ? error.message : 'Invalid token', 'unauthorized');
      return null;
    }
    close(socket, CloseCodes.unauthorized, 'Sign in first', 'unauthorized');
    return null;
  }

  /** Pings the socket; one that has not answered by the next ping is dropped. */
  function keepAlive(socket: WebSocket): void {
    let answered = true;
    socket.on('pong', () => (answered = true));
    const pinger = setInterval(() => {
      if (!answered) return socket.terminate();
      answered = false;
      socket.ping();
    }, settings.keepAliveMs);
    socket.once('close', () => clearInterval(pinger));
  }

  async function openStream(
    session: WebSocketSession,
    groupId: string,
    since: number | null,
    clientAddress: string,
  ): Promise<GroupProgressStream | null> {
    const requestId = requestIdFrom(undefined);
    const context: RouterContext = {
      caller: session.caller,
      requestId,
      idempotencyKey: null,
      clientAddress,
      log: session.log.child({ requestId, groupId }),
    };
    const opened = await openSessionStream(settings, session, context, plans.plan(document, operation, { groupId, since }));
    if (!Array.isArray(opened)) {
      context.log.info({ since }, 'group updates started');
      return opened;
    }
    const errors = opened.map((error) => error.toJSON());
    context.log.info({ errorCodes: errors.map((error) => error.extensions?.['code']) }, 'group updates refused');
    close(session.socket, closeCodeOf(errors), errors[0]?.message ?? 'Refused', 'refused');
    return null;
  }

  /**
   * The message of a result, as text, or null when it carries no contribution. The fan-out hands
   * the same result object to every subscriber sharing a read, so each is serialized once.
   */
  const messageTexts = new WeakMap<FormattedExecutionResult, string | null>();
  function messageTextOf(result: FormattedExecutionResult): string | null {
    let text = messageTexts.get(result);
    if (text === undefined) {
      const message = groupSavingsUpdateMessage(result.data?.[RESPONSE_KEY] as Parameters<typeof groupSavingsUpdateMessage>[0]);
      text = message === null ? null : JSON.stringify(message);
      messageTexts.set(result, text);
    }
    return text;
  }

  /** Sends the stream's events in the original shape, one at a time as the socket takes them. */
  async function pump(session: WebSocketSession, stream: GroupProgressStream): Promise<void> {
    for await (const result of stream.results) {
      const text = messageTextOf(result);
      if (text !== null) {
        await send(session.socket, text);
        continue;
      }
      const errors = result.errors ?? [];
      // An event whose contribution a subgraph could not give: the stream goes on without it.
      if (result.data) continue;
      close(session.socket, closeCodeOf(errors), errors[0]?.message ?? 'The updates ended', 'ended');
    }
  }

  async function serve(socket: WebSocket, request: IncomingMessage): Promise<void> {
    keepAlive(socket);
    const url = new URL(request.url ?? '/', 'http://router');
    const groupId = decodeURIComponent(PATH.exec(url.pathname)?.[1] ?? '');
    const sinceText = url.searchParams.get('since');
    if (sinceText !== null && !/^\d{1,9}$/.test(sinceText))
      return close(socket, CloseCodes.badRequest, 'since: must be a whole number, 0 or more', 'bad_request');
    const token = await tokenOf(socket, url);
    if (token === null) return;
    const claims = claimsOf(socket, token);
    if (claims === null) return;
    const session = await sessions.admit(claims, socket, 'group_updates');
    if (session === null) return;
    const clientAddress = clientAddressOf(request, settings.trustProxyHops);
    const traced = {
      route: ROUTE_TEMPLATE,
      type: 'subscription',
      name: undefined,
      extensions: null,
      upgradeHeaders: request.headers,
    } as const;
    const stream = await inWebSocketOperationSpan(traced, () =>
      openStream(session, groupId, sinceText === null ? null : Number(sinceText), clientAddress),
    );
    if (stream === null) return;
    if (socket.readyState !== socket.OPEN) return void stream.results.return();
    session.streams.add(stream);
    metrics.subscriptions.inc({ route: 'group_updates' });
    socket.once('close', () => {
      session.streams.delete(stream);
      metrics.subscriptions.dec({ route: 'group_updates' });
      void stream.results.return();
    });
    await pump(session, stream);
  }

  webSockets.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    serve(socket, request).catch((error: unknown) => {
      log.error({ err: error }, 'group updates socket failed');
      close(socket, CloseCodes.tryAgainLater, 'Something went wrong; try again shortly', 'internal_error');
    });
  });

  return {
    route: { serves: (path) => PATH.test(path), server: webSockets },
    async dispose() {
      for (const socket of webSockets.clients) socket.close(CloseCodes.goingAway, 'The server is shutting down; reconnect');
      await new Promise<void>((resolve) => webSockets.close(() => resolve()));
    },
  };
}
