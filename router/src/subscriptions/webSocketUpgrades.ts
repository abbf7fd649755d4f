// The router's one `upgrade` listener: every WebSocket path it serves goes through here to its own
// WebSocketServer (each made with `noServer`). Two WebSocketServers bound to one HTTP server would
// each answer every handshake and break the other's. It also holds the one limit that applies
// before anyone is signed in: WebSockets per client address, across both routes (and, with Redis,
// across every replica: connectionSlots/), and which browser origins may open one.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { RouterMetrics } from '../metrics.js';
import { clientAddressOf } from '../clientAddress.js';
import { isSameOrigin } from '../crossOriginRequests.js';
import { CloseCodes } from './closeCodes.js';
import type { ConnectionSlots } from './connectionSlots/connectionSlots.js';

export interface WebSocketRoute {
  /** Whether this route serves the path (no query string). */
  serves(path: string): boolean;
  server: WebSocketServer;
}

export interface UpgradeLimits {
  maxConnectionsPerAddress: number;
  /** How many proxies' X-Forwarded-For entries to believe when counting a client's sockets. */
  trustProxyHops: number;
  /** Whether a browser page from this origin may open a WebSocket (the CORS allow-list). */
  allowsOrigin: (origin: string) => boolean;
  /** Where the sockets of each address are counted. */
  slots: ConnectionSlots;
  metrics: RouterMetrics;
}

export interface UpgradeDispatcher {
  /** Refuses new WebSocket connections with 503, as the HTTP side refuses requests while draining. */
  refuseNewConnections(): void;
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function dispatchUpgrades(httpServer: Server, routes: WebSocketRoute[], limits: UpgradeLimits): UpgradeDispatcher {
  let accepting = true;

  /** Closes a socket over the address limit with 4429 once upgraded: browsers see a close code, never a handshake status. */
  function refuseOverAddressLimit(webSocket: WebSocket): void {
    limits.metrics.webSocketCloses.inc({ reason: 'too_many_connections_address' });
    webSocket.close(CloseCodes.tooManyConnections, `At most ${limits.maxConnectionsPerAddress} WebSockets per client address`);
  }

  /**
   * ws reports a client's protocol error (a message over maxPayload, bad UTF-8) as an 'error' event
   * after it has already closed the socket with the fitting code (1009, 1007...). Unheard, that
   * event would crash the process; graphql-ws's own listener would print it as an internal error.
   * So this is the one listener: it counts the close.
   */
  function countProtocolErrors(webSocket: WebSocket): void {
    webSocket.removeAllListeners('error');
    webSocket.on('error', (error: Error & { code?: string }) => {
      const reason = error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'message_too_big' : 'protocol_error';
      limits.metrics.webSocketCloses.inc({ reason });
    });
  }

  httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (!accepting) return refuse(socket, '503 Service Unavailable');
    const path = new URL(request.url ?? '/', 'http://router').pathname;
    const route = routes.find((candidate) => candidate.serves(path));
    if (route === undefined) return refuse(socket, '404 Not Found');
    // Browsers send Origin on every WebSocket and never preflight one, so the allow-list is applied
    // here. A page of this very origin (the web app at /app/) needs no listing, as over HTTP.
    const origin = request.headers.origin;
    if (origin !== undefined && !isSameOrigin(origin, request.headers.host) && !limits.allowsOrigin(origin)) {
      return refuse(socket, '403 Forbidden');
    }
    void upgrade(request, socket, head, route, clientAddressOf(request, limits.trustProxyHops));
  });

  /**
   * Counts the socket against its address before the handshake is answered (a client sends nothing
   * before it), then upgrades it; over the limit it is upgraded only to be closed with 4429. The slot
   * is given back when the TCP socket closes, however that comes about.
   */
  async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, route: WebSocketRoute, address: string): Promise<void> {
    const release = await limits.slots.take('address', address, limits.maxConnectionsPerAddress);
    if (release !== null) socket.once('close', release);
    // Gone, or the router began stopping, while the store was asked.
    if (socket.destroyed) return release?.();
    if (!accepting) return refuse(socket, '503 Service Unavailable');
    route.server.handleUpgrade(request, socket, head, (webSocket) => {
      if (release === null) refuseOverAddressLimit(webSocket);
      else route.server.emit('connection', webSocket, request);
      countProtocolErrors(webSocket);
    });
  }
  return { refuseNewConnections: () => void (accepting = false) };
}
