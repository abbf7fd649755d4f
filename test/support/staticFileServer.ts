// A static web host for the browser tests: a folder's files over plain HTTP on a port of its own,
// as any static host serves the web app's build apart from the router. No rewrites: the app's
// routes live in the URL's hash.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { listen } from '@ledgerline/service-runtime';

export interface StaticFileServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  stop(): Promise<void>;
}

/** Serves `directory` (its index.html at /), with `headers` on every answer (a CSP, say). */
export async function serveStaticFiles(directory: string, headers: Record<string, string> = {}): Promise<StaticFileServer> {
  const app = express();
  app.use((_request, response, next) => {
    response.set(headers);
    next();
  });
  app.use(express.static(directory));
  const server = createServer(app);
  await listen(server, 0, '127.0.0.1');
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
