// A static web host for the browser tests: a folder's files over plain HTTP on a port of its own,
// as any static host serves the web app's build apart from the router. No rewrites: the app's
// routes live in the URL's hash.
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { listen } from '@ledgerline/service-runtime';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface StaticFileServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  stop(): Promise<void>;
}

/** Serves `directory` (its index.html at /), with `headers` on every answer (a CSP, say). */
export async function serveStaticFiles(directory: string, headers: Record<string, string> = {}): Promise<StaticFileServer> {
  const root = resolve(directory);
  const server = createServer((request, response) => {
    void fileAt(root, new URL(request.url ?? '/', 'http://host').pathname).then((file) => {
      if (file === null || (request.method !== 'GET' && request.method !== 'HEAD')) {
        response.writeHead(404, headers).end();
        return;
      }
      response.writeHead(200, { ...headers, 'Content-Type': CONTENT_TYPES[extname(file.path)] ?? 'application/octet-stream' });
      response.end(request.method === 'HEAD' ? undefined : file.content);
    });
  });
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

/** The file a URL path names under `root` (a folder's index.html for the folder), or null: none, or outside it. */
async function fileAt(root: string, urlPath: string): Promise<{ path: string; content: Buffer } | null> {
  try {
    let path = resolve(root, `.${decodeURIComponent(urlPath)}`);
    if (path !== root && !path.startsWith(`${root}${sep}`)) return null;
    if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
    return { path, content: await readFile(path) };
  } catch {
    // Not there, or not a path (a malformed escape).
    return null;
  }
}
