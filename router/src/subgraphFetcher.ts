// How the router's calls reach a subgraph: node:http over kept-alive connections, each call given
// up when the time it carries runs out. Node's own fetch (undici behind the WHATWG Request,
// Response, Headers and AbortSignal objects) cost the router about a tenth of its CPU per
// dashboard request for two small POSTs; a plain http.Agent does the same work for a fraction.
import { Agent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import type { Fetcher, FetcherHeaders, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { withClientSpan } from '@ledgerline/service-runtime';

/**
 * Far above any call's deadline: it only lets the agent follow the subgraph's `Keep-Alive:
 * timeout=N` hint (Node's Agent ignores the hint without a timeout of its own), so an idle
 * connection is dropped here before the subgraph closes it under a new call.
 */
const IDLE_CONNECTION_TIMEOUT_MS = 60_000;

/** A subgraph that took longer than the call's deadline: named as AbortSignal.timeout names it (subgraphFailures.ts). */
class SubgraphCallTimeout extends Error {
  override name = 'TimeoutError';
}

/** The response's headers, read-only in practice: the gateway only reads them. */
class ReceivedHeaders implements FetcherHeaders {
  private readonly byName = new Map<string, string>();
  constructor(message: IncomingMessage) {
    for (const [name, value] of Object.entries(message.headers)) {
      if (value !== undefined) this.byName.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
  }
  append(name: string, value: string): void {
    const known = this.get(name);
    this.set(name, known === null ? value : `${known}, ${value}`);
  }
  delete(name: string): void {
    this.byName.delete(name.toLowerCase());
  }
  get(name: string): string | null {
    return this.byName.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }
  set(name: string, value: string): void {
    this.byName.set(name.toLowerCase(), value);
  }
  entries(): IterableIterator<[string, string]> {
    return this.byName.entries();
  }
  keys(): IterableIterator<string> {
    return this.byName.keys();
  }
  values(): IterableIterator<string> {
    return this.byName.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.byName.entries();
  }
}

function receivedResponse(url: string, message: IncomingMessage, body: Buffer): FetcherResponse {
  const status = message.statusCode ?? 0;
  const response: FetcherResponse = {
    bodyUsed: false,
    url,
    redirected: false,
    status,
    ok: status >= 200 && status < 300,
    statusText: message.statusMessage ?? '',
    headers: new ReceivedHeaders(message),
    arrayBuffer: () => Promise.resolve(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer),
    text: () => Promise.resolve(body.toString('utf8')),
    json: () => Promise.resolve(JSON.parse(body.toString('utf8')) as unknown),
    clone: () => response,
  };
  return response;
}

/** The gateway's own call bodies start with their query, and a mutation's query with `mutation`. */
const isMutation = (body: string): boolean => body.startsWith('{"query":"mutation');

/**
 * A connection the subgraph closed while it sat idle here fails a call put on it before the close
 * was read. The call never reached the subgraph, so a query is sent once more on a new connection,
 * as Node's documentation advises (`request.reusedSocket`). A mutation never takes that chance: it
 * gets a connection of its own, so its failure always means the subgraph may have seen it.
 */
function mayResend(call: ClientRequest, error: NodeJS.ErrnoException): boolean {
  return call.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
}

/** A POST (or any call the gateway makes) given `timeoutMs(init)` to answer in full. */
export function subgraphFetcher(timeoutMs: (init: FetcherRequestInit) => number): Fetcher {
  const agent = new Agent({ keepAlive: true, timeout: IDLE_CONNECTION_TIMEOUT_MS });
  const call = (url: string, init: FetcherRequestInit, sentHeaders: Record<string, string>): Promise<FetcherResponse> =>
    new Promise((resolve, reject) => {
      const body = typeof init.body === 'string' ? init.body : (init.body?.toString('utf8') ?? '');
      const headers = { ...sentHeaders, 'content-length': String(Buffer.byteLength(body)) };
      const mutation = isMutation(body);
      let call: ClientRequest;
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(error);
      };
      const waitMs = timeoutMs(init);
      // Rejected first, so a body cut off by the destroy below still fails as a timeout.
      const timer = setTimeout(() => {
        const timeout = new SubgraphCallTimeout(`no answer within ${waitMs} ms`);
        fail(timeout);
        call.destroy(timeout);
      }, waitMs);
      const send = (resendable: boolean) => {
        call = httpRequest(url, { agent: mutation ? false : agent, method: init.method ?? 'GET', headers });
        const sent = call;
        sent.once('error', (error: NodeJS.ErrnoException) => (resendable && mayResend(sent, error) ? send(false) : fail(error)));
        sent.once('response', (message) => {
          const chunks: Buffer[] = [];
          message.on('data', (chunk: Buffer) => chunks.push(chunk));
          message.once('error', fail);
          message.once('end', () => {
            clearTimeout(timer);
            resolve(receivedResponse(url, message, chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
          });
        });
        sent.end(body);
      };
      send(true);
    });
  const fetcher = (url: string, init: FetcherRequestInit = {}): Promise<FetcherResponse> =>
    withClientSpan({ method: init.method ?? 'GET', url, headers: init.headers ?? {} }, (headers) => call(url, init, headers));
  return fetcher;
}
