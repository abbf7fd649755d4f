// One HTTP request over a kept-alive socket and its whole answer; never rejects, so a refused
// connection or a timeout is an outcome the load generator counts like any other failure.
import { request, type Agent } from 'node:http';

const REQUEST_TIMEOUT_MS = 30_000;

export type Exchange = { status: number; text: string } | { failure: string };

export interface OutgoingRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: Buffer;
}

export function exchange(agent: Agent, url: URL, outgoing: OutgoingRequest): Promise<Exchange> {
  return new Promise((resolve) => {
    const headers =
      outgoing.body === undefined ? outgoing.headers : { ...outgoing.headers, 'content-length': String(outgoing.body.length) };
    const sent = request(url, { method: outgoing.method, agent, headers, timeout: REQUEST_TIMEOUT_MS });
    sent.on('timeout', () => sent.destroy(new Error('timeout')));
    sent.on('error', (error: NodeJS.ErrnoException) => resolve({ failure: `no answer: ${error.code ?? error.message}` }));
    sent.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => resolve({ failure: `cut short: ${error.message}` }));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    sent.end(outgoing.body);
  });
}

/** A JSON POST of a GraphQL operation. */
export const graphqlPost = (query: string, variables: Record<string, unknown>, headers: Record<string, string>): OutgoingRequest => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: Buffer.from(JSON.stringify({ query, variables })),
});
