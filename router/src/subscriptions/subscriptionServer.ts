// GraphQL over WebSocket (graphql-ws, the graphql-transport-ws protocol) at /graphql. @apollo/gateway
// does not execute subscriptions, so the router serves them itself: a subscription becomes a
// stream of reads through the gateway (groupProgressStream.ts), and a query or mutation sent on
// the socket runs on the gateway as it would over HTTP. Either way it runs as the socket's user,
// with the same logging and error masking as /graphql.
import type { ApolloServer } from '@apollo/server';
import type { Caller } from '@ledgerline/identity';
import { DomainError, requestIdFrom, type Logger, type TokenChecks } from '@ledgerline/service-runtime';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  OperationTypeNode,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { CloseCode, type Context } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { RouterContext } from '../context.js';
import { socketCallerFrom } from './connectionAuthentication.js';
import type { GroupEventFeed } from './groupEventFeed.js';
import { groupEventQuery } from './groupEventQuery.js';
import { openGroupProgressStream, type GroupProgressStream, type RunAsSubscriber } from './groupProgressStream.js';
import type { WebSocketRoute } from './webSocketUpgrades.js';

export interface SubscriptionServerSettings {
  apollo: ApolloServer<RouterContext>;
  /** The client-facing schema, against which operations are validated. */
  schema: GraphQLSchema;
  feed: GroupEventFeed;
  jwtSecret: string;
  /** The User service's word on whether a token is still live: asked on connect and every tokenRecheckMs. */
  tokens: TokenChecks;
  tokenRecheckMs: number;
  /** How often a socket is pinged; one that has not answered by the next ping is closed. */
  keepAliveMs: number;
  maxMessageBytes: number;
  log: Logger;
}

export interface SubscriptionServer {
  route: WebSocketRoute;
  /** Lets in-flight events reach their clients, then closes every socket with 1001. */
  drain(): Promise<void>;
}

interface SocketSession {
  caller: Caller;
  log: Logger;
  socket: WebSocket;
}

/** What onSubscribe hands to graphql-ws's subscribe and execute, through ExecutionArgs.contextValue. */
type Prepared =
  { stream: GroupProgressStream } | { context: RouterContext; query: string; operationName?: string; variables: Record<string, unknown> };

/** setTimeout's ceiling; a token living longer is re-checked when this fires. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;
/** How long draining waits for queued events to be written before closing anyway. */
const DRAIN_WAIT_MS = 3_000;

function unauthorized(socket: WebSocket, message: string): void {
  // 4401 tells graphql-ws clients not to retry: they need a new token first.
  socket.close(CloseCode.Unauthorized, message.slice(0, 120));
}

export function graphqlSubscriptions(settings: SubscriptionServerSettings): SubscriptionServer {
  const { apollo, schema, feed, tokens, log } = settings;
  const webSockets = new WebSocketServer({ noServer: true, maxPayload: settings.maxMessageBytes });
  const sessions = new Map<WebSocket, SocketSession>();
  const streams = new Set<GroupProgressStream>();

  /**
   * The User service's word on a socket's token, asked afresh: 'refused' has closed the socket
   * with 4401; 'unknown' means the User service could not answer.
   */
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

  /** Whether an open socket may stay: a refused token has closed it; while the User service cannot answer, it stays and is asked again later. */
  const stillLive = async (session: SocketSession): Promise<boolean> => (await checkToken(session.caller, session.socket)) !== 'refused';

  // Revocations that no group event announces (a deleted account in no group) still close sockets.
  const recheck = setInterval(() => {
    for (const session of sessions.values()) void stillLive(session);
  }, settings.tokenRecheckMs);
  recheck.unref();

  function runAs(context: RouterContext): RunAsSubscriber {
    return async (document, operationName, variables) => {
      const request = { query: document, variables, ...(operationName === undefined ? {} : { operationName }) };
      const response = await apollo.executeOperation(request, { contextValue: context });
      if (response.body.kind !== 'single') throw new Error('Subscriptions do not use @defer or @stream');
      return response.body.singleResult;
    };
  }

  const server = useServer<Record<string, unknown>, Record<PropertyKey, never>>(
    {
      async onConnect(ctx) {
        const { socket } = ctx.extra;
        let claims;
        try {
          claims = socketCallerFrom(ctx.connectionParams, settings.jwtSecret);
        } catch (error) {
          unauthorized(socket, error instanceof GraphQLError ? error.message : 'Unauthorized');
          return false;
        }
        const caller = { userId: claims.userId, accountKey: claims.accountKey };
        const session = { caller, log: log.child({ userId: caller.userId, transport: 'websocket' }), socket };
        const token = await checkToken(caller, socket);
        // 1013: try again later; graphql-ws clients reconnect after it.
        if (token === 'unknown') socket.close(1013, 'The account service is unavailable; try again shortly');
        if (token !== 'live') return false;
        const untilExpiry = Math.min(claims.expiresAt.getTime() - Date.now(), LONGEST_TIMER_MS);
        const expiry = setTimeout(() => unauthorized(socket, 'Token expired: connect again with a new one'), untilExpiry);
        sessions.set(socket, session);
        socket.once('close', () => {
          clearTimeout(expiry);
          sessions.delete(socket);
        });
        session.log.info('websocket connected');
        return true;
      },
      async onSubscribe(ctx: Context<Record<string, unknown>, Extra>, id, payload) {
        const session = sessions.get(ctx.extra.socket);
        if (session === undefined) return [new GraphQLError('Sign in first', { extensions: { code: 'UNAUTHENTICATED' } })];
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('The query could not be parsed')];
        }
        const invalid = validate(schema, document);
        if (invalid.length > 0) return invalid;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [new GraphQLError('Name the operation to run (operationName)')];
        const requestId = requestIdFrom(undefined);
        const context: RouterContext = { caller: session.caller, requestId, log: session.log.child({ requestId, subscriptionId: id }) };
        const named = payload.operationName ? { operationName: payload.operationName } : {};
        const base = { schema, document, ...named };
        const variables = payload.variables ?? {};
        if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
          const prepared: Prepared = { context, query: payload.query, ...named, variables };
          return { ...base, contextValue: prepared };
        }
        const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
        if (coerced.errors) return coerced.errors;
        let query;
        try {
          query = groupEventQuery(schema, document, operation, coerced.coerced);
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        const opened = await openGroupProgressStream({
          query,
          callerId: session.caller.userId,
          feed,
          run: runAs(context),
          stillLive: () => stillLive(session),
          onUnauthenticated: (message) => unauthorized(ctx.extra.socket, message),
          log: context.log,
        });
        if (Array.isArray(opened)) {
          context.log.info({ groupId: query.groupId, errorCodes: opened.map((error) => error.extensions['code']) }, 'subscription refused');
          return opened;
        }
        streams.add(opened);
        context.log.info({ groupId: query.groupId, since: query.since }, 'subscription started');
        const prepared: Prepared = { stream: opened };
        return { ...base, contextValue: prepared };
      },
      subscribe(args) {
        const prepared = args.contextValue as Prepared;
        if (!('stream' in prepared)) throw new Error('A subscription was prepared without its stream');
        const { stream } = prepared;
        // Not an async generator: graphql-ws may stop it before reading it once (the client left
        // while it was opening), and a generator's cleanup would then never run.
        const results: AsyncIterableIterator<ExecutionResult> = {
          [Symbol.asyncIterator]: () => results,
          next: async () => {
            const next = await stream.results.next();
            if (next.done === true) streams.delete(stream);
            return next as IteratorResult<ExecutionResult>;
          },
          return: () => {
            streams.delete(stream);
            return stream.results.return() as Promise<IteratorResult<ExecutionResult>>;
          },
        };
        return results;
      },
      async execute(args) {
        const prepared = args.contextValue as Prepared;
        if ('stream' in prepared) throw new Error('A subscription reached execute');
        return (await runAs(prepared.context)(prepared.query, prepared.operationName, prepared.variables)) as ExecutionResult;
      },
      // Results are already formatted (and masked) by the gateway's Apollo Server: sent as they are.
      onNext: (_ctx, _id, _payload, _args, result) => result as FormattedExecutionResult,
      onComplete(ctx, id) {
        sessions.get(ctx.extra.socket)?.log.info({ subscriptionId: id }, 'operation complete');
      },
      onClose(ctx, code) {
        sessions.get(ctx.extra.socket)?.log.info({ code }, 'websocket closed');
      },
    },
    webSockets,
    settings.keepAliveMs,
  );

  return {
    route: { serves: (path) => path === '/graphql', server: webSockets },
    async drain() {
      clearInterval(recheck);
      await Promise.all([...streams].map((stream) => stream.settle()));
      const deadline = Date.now() + DRAIN_WAIT_MS;
      while ([...streams].some((stream) => stream.results.size > 0) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await server.dispose();
    },
  };
}
