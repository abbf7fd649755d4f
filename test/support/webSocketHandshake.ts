// How the router answers a browser's WebSocket handshake on /graphql from a page of a given origin.
import { WebSocket } from 'ws';

/** 101 when the socket opened (it is closed again at once), else the HTTP status of the refusal. */
export function handshakeStatus(routerOrigin: string, origin: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const socket = new WebSocket(`${routerOrigin.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', { origin });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => {
      socket.terminate();
      resolve(response.statusCode ?? 0);
    });
    socket.once('error', reject);
  });
}
