// A TCP proxy in front of a service, that a test switches between passing traffic, refusing
// connections (the service is down), holding them without an answer (the service is frozen) and
// passing requests on while losing their answers (the network fails after the service did the
// work), so the router's side of a subgraph failure is tried over real sockets.
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type ProxyMode = 'pass' | 'refuse' | 'hang' | 'lose-answers';

export interface FaultyProxy {
  /** The target URL with the proxy's port in place of the service's. */
  url: string;
  set(mode: ProxyMode): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultyProxy(targetUrl: string): Promise<FaultyProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  let mode: ProxyMode = 'pass';
  let server: Server | null = null;
  let port = 0;

  function accept(client: Socket): void {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (mode === 'hang') return;
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.pipe(upstream);
    if (mode === 'lose-answers') upstream.resume();
    else upstream.pipe(client);
  }

  async function open(): Promise<void> {
    const opening = createServer(accept);
    await new Promise<void>((resolve, reject) => {
      opening.once('error', reject);
      opening.listen(port, '127.0.0.1', resolve);
    });
    server = opening;
    port = (opening.address() as AddressInfo).port;
  }

  async function shut(): Promise<void> {
    for (const socket of sockets) socket.destroy();
    const closing = server;
    server = null;
    if (closing) await new Promise((resolve) => closing.close(resolve));
  }

  await open();
  const url = new URL(targetUrl);
  url.port = String(port);
  return {
    url: url.toString(),
    async set(next) {
      // Connections held or passed under the old mode end, as they would when a service dies.
      if (next === 'refuse') await shut();
      else if (server === null) await open();
      else for (const socket of sockets) socket.destroy();
      mode = next;
    },
    close: shut,
  };
}
