// A group stream opened for a signed-in socket, on either route: read as the socket's user,
// counted under the socket's route, and closing the socket with 4401 when the token is refused.
import type { GraphQLError } from 'graphql';
import type { RouterContext } from '../context.js';
import { CloseCodes } from './closeCodes.js';
import { openGroupProgressStream, type GroupProgressStream } from './groupProgressStream.js';
import { runAs } from './runAsSubscriber.js';
import type { SubscriptionPlan } from './subscriptionPlans.js';
import type { WebSocketRouteSettings } from './webSocketRouteSettings.js';
import type { WebSocketSession } from './webSocketSessions.js';

/** The stream, or the errors that refuse it (non-member, unknown group, expired `since`...). */
export function openSessionStream(
  settings: WebSocketRouteSettings,
  session: WebSocketSession,
  context: RouterContext,
  plan: SubscriptionPlan,
): Promise<GroupProgressStream | GraphQLError[]> {
  const { sessions, metrics } = settings;
  return openGroupProgressStream({
    query: plan.query,
    sharing: plan.sharingFor(session.caller.userId),
    callerId: session.caller.userId,
    fanOut: settings.fanOut,
    run: runAs(settings.apollo, context),
    stillLive: () => sessions.stillLive(session),
    onUnauthenticated: (message) => sessions.close(session.socket, CloseCodes.unauthorized, message, 'unauthorized'),
    onOwnRead: () => metrics.groupEventResolutions.inc({ scope: 'catch_up' }),
    onDelivered: () => metrics.groupEventDeliveries.inc({ route: session.route }),
    log: context.log,
  });
}
