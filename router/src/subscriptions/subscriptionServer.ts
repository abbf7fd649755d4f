// GraphQL over WebSocket (graphql-ws, the graphql-transport-ws protocol) at /graphql. @apollo/gateway
// does not execute subscriptions, so the router serves them itself: a subscription becomes one
// subscriber of the shared fan-out of its group's events (groupProgressStream.ts), and a query or
// mutation sent on the socket runs on the gateway as it would over HTTP. Either way it runs as the
// socket's user, with the same logging and error masking as /graphql.
import { DomainError, requestIdFrom } from '@ledgerline/service-runtime';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  OperationTypeNode,
  type DocumentNode,
  type ExecutionResult,
  type FormattedExecutionResult,
} from 'graphql';
import type { Context } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { clientAddressOf } from '../clientAddress.js';
import { WebSocketServer, type WebSocket } from 'ws';
import { refusalAtTheEdge, type RouterContext } from '../context.js';
import { CloseCodes } from './closeCodes.js';
import { socketCallerFrom } from './connectionAuthentication.js';
import type { GroupProgressStream } from './groupProgressStream.js';
import { runAs } from './runAsSubscriber.js';
import { openSessionStream } from './sessionStream.js';
import type { WebSocketRouteServer, WebSocketRouteSettings } from './webSocketRouteSettings.js';
import type { WebSocketSession } from './webSocketSessions.js';
import { inWebSocketOperationSpan, type WebSocketOperation } from './webSocketOperationSpan.js';
import type { TokenLiveness } from '../tokenLiveness.js';

export interface SubscriptionServerSettings extends WebSocketRouteSettings {
  maxSubscriptionsPerConnection: number;
}

/** What onSubscribe hands to graphql-ws's subscribe and execute, through ExecutionArgs.contextValue. */
type Prepared =
  | { stream: GroupProgressStream; session: WebSocketSession }
  | { context: RouterContext; query: string; operationName?: string; variables: Record<string, unknown>; traced: TracedAs };

/** What a query's or mutation's span is made of, when graphql-ws runs it after onSubscribe. */
type TracedAs = Omit<WebSocketOperation, 'type'> & { type: 'query' | 'mutation' };

/** Why the session's token may no longer start an operation, or null while it is live. */
async function livenessRefusal(liveness: TokenLiveness, session: WebSocketSession): Promise<GraphQLError | null> {
  try {
    await liveness.assertLive(session.caller);
    return null;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return refusalAtTheEdge(error);
  }
}

/** A variable the schema's types refused, as /graphql answers one: BAD_USER_INPUT naming the variable. */
function variableRefusal(error: GraphQLError): GraphQLError {
  const variable = /^Variable "\$(\w+)"/.exec(error.message)?.[1];
  return new GraphQLError(error.message, {
    nodes: error.nodes ?? null,
    extensions: { code: 'BAD_USER_INPUT', ...(variable === undefined ? {} : { field: variable }) },
  });
}

export function graphqlSubscriptions(settings: SubscriptionServerSettings): WebSocketRouteServer {
  const { apollo, schema, plans, sessions, metrics } = settings;
  const webSockets = new WebSocketServer({ noServer: true, maxPayload: settings.maxMessageBytes });
  /** Subscriptions being opened on each socket, counted with its live ones against the limit. */
  const opening = new Map<WebSocket, number>();

  function forget(session: WebSocketSession, stream: GroupProgressStream): void {
    if (session.streams.delete(stream)) metrics.subscriptions.dec({ route: 'graphql' });
  }

  const tooManySubscriptions = () =>
    new GraphQLError(`At most ${settings.maxSubscriptionsPerConnection} subscriptions per connection: complete one first`, {
      extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' },
    });

  async function openStream(
    session: WebSocketSession,
    id: string,
    prepared: {
      document: DocumentNode;
      operation: NonNullable<ReturnType<typeof getOperationAST>>;
      variables: Record<string, unknown>;
      context: RouterContext;
    },
  ): Promise<GraphQLError[] | GroupProgressStream> {
    const coerced = getVariableValues(schema, prepared.operation.variableDefinitions ?? [], prepared.variables);
    if (coerced.errors) return coerced.errors.map(variableRefusal);
    let plan;
    try {
      plan = plans.plan(prepared.document, prepared.operation, coerced.coerced);
    } catch (error) {
      if (error instanceof GraphQLError) return [error];
      throw error;
    }
    const { context } = prepared;
    const { query } = plan;
    const opened = await openSessionStream(settings, session, context, plan);
    if (Array.isArray(opened)) {
      context.log.info({ groupId: query.groupId, errorCodes: opened.map((error) => error.extensions['code']) }, 'subscription refused');
      return opened;
    }
    context.log.info({ groupId: query.groupId, since: query.since, subscriptionId: id }, 'subscription started');
    return opened;
  }

  const server = useServer<Record<string, unknown>, Record<PropertyKey, never>>(
    {
      connectionInitWaitTimeout: settings.initTimeoutMs,
      async onConnect(ctx) {
        const { socket } = ctx.extra;
        let claims;
        try {
          claims = socketCallerFrom(ctx.connectionParams, settings.jwtSecret);
        } catch (error) {
          sessions.close(socket, CloseCodes.unauthorized, error instanceof GraphQLError ? error.message : 'Unauthorized', 'unauthorized');
          return false;
        }
        return (await sessions.admit(claims, socket, 'graphql')) !== null;
      },
      async onSubscribe(ctx: Context<Record<string, unknown>, Extra>, id, payload) {
        const { socket } = ctx.extra;
        const session = sessions.of(socket);
        if (session === undefined) return [new GraphQLError('Sign in first', { extensions: { code: 'UNAUTHENTICATED' } })];
        // A socket of a revoked session closes within moments; until it has, it starts nothing more.
        const refused = await livenessRefusal(settings.liveness, session);
        if (refused !== null) return [refused];
        const validated = plans.document(payload.query);
        if ('errors' in validated) return validated.errors;
        const { document } = validated;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) {
          return [
            new GraphQLError('Name the operation to run (operationName)', {
              extensions: { code: 'OPERATION_RESOLUTION_FAILURE', field: 'operationName' },
            }),
          ];
        }
        const variables = payload.variables ?? {};
        // Validation costed the document at its cheapest; the lists its variables size are costed here.
        const overLimit = plans.limitErrors(document, operation, variables);
        if (overLimit.length > 0) return overLimit;
        const requestId = requestIdFrom(undefined);
        const context: RouterContext = {
          caller: session.caller,
          requestId,
          idempotencyKey: null,
          clientAddress: clientAddressOf(ctx.extra.request, settings.trustProxyHops),
          log: session.log.child({ requestId, subscriptionId: id }),
        };
        const named = payload.operationName ? { operationName: payload.operationName } : {};
        const base = { schema, document, ...named };
        const traced = {
          route: '/graphql',
          name: operation.name?.value,
          extensions: payload.extensions,
          upgradeHeaders: ctx.extra.request.headers,
        };
        if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
          const prepared: Prepared = {
            context,
            query: payload.query,
            ...named,
            variables,
            traced: { ...traced, type: operation.operation },
          };
          return { ...base, contextValue: prepared };
        }
        const inFlight = opening.get(socket) ?? 0;
        if (session.streams.size + inFlight >= settings.maxSubscriptionsPerConnection) return [tooManySubscriptions()];
        opening.set(socket, inFlight + 1);
        let opened;
        try {
          opened = await inWebSocketOperationSpan({ ...traced, type: 'subscription' }, () =>
            openStream(session, id, { document, operation, variables, context }),
          );
        } finally {
          const left = (opening.get(socket) ?? 1) - 1;
          if (left > 0) opening.set(socket, left);
          else opening.delete(socket);
        }
        if (Array.isArray(opened)) return opened;
        if (socket.readyState !== socket.OPEN) {
          void opened.results.return();
          return [new GraphQLError('The connection closed', { extensions: { code: 'UNAUTHENTICATED' } })];
        }
        session.streams.add(opened);
        metrics.subscriptions.inc({ route: 'graphql' });
        const prepared: Prepared = { stream: opened, session };
        return { ...base, contextValue: prepared };
      },
      subscribe(args) {
        const prepared = args.contextValue as Prepared;
        if (!('stream' in prepared)) throw new Error('A subscription was prepared without its stream');
        const { stream, session } = prepared;
        // Not an async generator: graphql-ws may stop it before reading it once (the client left
        // while it was opening), and a generator's cleanup would then never run.
        const results: AsyncIterableIterator<ExecutionResult> = {
          [Symbol.asyncIterator]: () => results,
          next: async () => {
            const next = await stream.results.next();
            if (next.done === true) forget(session, stream);
            return next as IteratorResult<ExecutionResult>;
          },
          return: () => {
            forget(session, stream);
            return stream.results.return() as Promise<IteratorResult<ExecutionResult>>;
          },
        };
        return results;
      },
      async execute(args) {
        const prepared = args.contextValue as Prepared;
        if ('stream' in prepared) throw new Error('A subscription reached execute');
        const run = () => runAs(apollo, prepared.context)(prepared.query, prepared.operationName, prepared.variables);
        return (await inWebSocketOperationSpan(prepared.traced, run)) as ExecutionResult;
      },
      // Results are already formatted (and masked) by the gateway's Apollo Server: sent as they are.
      onNext: (_ctx, _id, _payload, _args, result) => result as FormattedExecutionResult,
      onComplete(ctx, id) {
        sessions.of(ctx.extra.socket)?.log.info({ subscriptionId: id }, 'operation complete');
      },
      onClose(ctx, code) {
        if (code === CloseCodes.initTimeout && !ctx.connectionInitReceived) metrics.webSocketCloses.inc({ reason: 'init_timeout' });
      },
    },
    webSockets,
    settings.keepAliveMs,
  );

  return {
    route: { serves: (path) => path === '/graphql', server: webSockets },
    dispose: async () => await server.dispose(),
  };
}
