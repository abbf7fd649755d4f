// The router's one `upgrade` listener: every WebSocket path it serves goes through here to its own
// WebSocketServer (each made with `noServer`). Two WebSocketServers bound to one HTTP server would
// each answer every handshake and break the other's. It also holds the one limit that applies
// before anyone is signed in: WebSockets per client address, across both routes, and which browser
// origins may open one.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { RouterMetrics } from '../metrics.js';
import { clientAddressOf } from '../clientAddress.js';
import { CloseCodes } from './closeCodes.js';

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
  const openByAddress = new Map<string, number>();

  /** Counts the socket against its address; false (and closed with 4429) over the limit. Browsers see a close code, never a handshake status. */
  function admitAddress(webSocket: WebSocket, address: string): boolean {
    const open = openByAddress.get(address) ?? 0;
    if (open >= limits.maxConnectionsPerAddress) {
      limits.metrics.webSocketCloses.inc({ reason: 'too_many_connections_address' });
      webSocket.close(CloseCodes.tooManyConnections, `At most ${limits.maxConnectionsPerAddress} WebSockets per client address`);
      return false;
    }
    openByAddress.set(address, open + 1);
    webSocket.once('close', () => {
      const left = (openByAddress.get(address) ?? 1) - 1;
      if (left > 0) openByAddress.set(address, left);
      else openByAddress.delete(address);
    });
    return true;
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
    // Browsers send Origin on every WebSocket and never preflight one, so the allow-list is applied here.
    const origin = request.headers.origin;
    if (origin !== undefined && !limits.allowsOrigin(origin)) return refuse(socket, '403 Forbidden');
    const address = clientAddressOf(request, limits.trustProxyHops);
    route.server.handleUpgrade(request, socket, head, (webSocket) => {
      if (admitAddress(webSocket, address)) route.server.emit('connection', webSocket, request);
      countProtocolErrors(webSocket);
    });
  });
  return { refuseNewConnections: () => void (accepting = false) };
}
