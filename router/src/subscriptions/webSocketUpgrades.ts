// The router's one `upgrade` listener: every WebSocket path it serves goes through here to its own
// WebSocketServer (each made with `noServer`). Two WebSocketServers bound to one HTTP server would
// each answer every handshake and break the other's.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';

export interface WebSocketRoute {
  /** Whether this route serves the path (no query string). */
  serves(path: string): boolean;
  server: WebSocketServer;
}

export interface UpgradeDispatcher {
  /** Refuses new WebSocket connections with 503, as the HTTP side refuses requests while draining. */
  refuseNewConnections(): void;
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function dispatchUpgrades(httpServer: Server, routes: WebSocketRoute[]): UpgradeDispatcher {
  let accepting = true;
  httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (!accepting) return refuse(socket, '503 Service Unavailable');
    const path = new URL(request.url ?? '/', 'http://router').pathname;
    const route = routes.find((candidate) => candidate.serves(path));
    if (route === undefined) return refuse(socket, '404 Not Found');
    route.server.handleUpgrade(request, socket, head, (webSocket) => route.server.emit('connection', webSocket, request));
  });
  return { refuseNewConnections: () => void (accepting = false) };
}
