// Every close code the router's WebSockets end with, in one place: the README's table is this.
// Where graphql-ws already names a code (4400, 4401, 4403, 4408), it means the same here, so one
// client-side rule covers both routes. graphql-ws clients retry after any 4xxx code except 4400,
// 4401, 4409 and 4429, and after 1001 and 1013.
export const CloseCodes = {
  /** The server is shutting down; reconnect (another replica answers). */
  goingAway: 1001,
  /** A message larger than WEBSOCKET_MAX_MESSAGE_BYTES (ws closes with it itself). */
  messageTooBig: 1009,
  /** The User service could not say whether the token is live; reconnect shortly. */
  tryAgainLater: 1013,
  /** The client fell behind: events waited unread longer than the send timeout. Reconnect with `since`. */
  slowConsumer: 4008,
  /** A malformed first message, group id or `since` (the raw route). */
  badRequest: 4400,
  /** No token, or an invalid, expired or revoked one. */
  unauthorized: 4401,
  /** Not a member of the group, or no longer one. */
  forbidden: 4403,
  /** No such group (the raw route). */
  notFound: 4404,
  /** Nothing (graphql-ws: no connection_init; raw route: no first message) within the init timeout. */
  initTimeout: 4408,
  /** `since` is older than the event log keeps (the raw route). */
  eventsExpired: 4410,
  /** Too many WebSockets for this user or this client address. */
  tooManyConnections: 4429,
} as const;

/** A close reason: WebSocket limits it to 123 bytes. */
export const closeReason = (message: string): string => (Buffer.byteLength(message) <= 123 ? message : `${message.slice(0, 119)}...`);
