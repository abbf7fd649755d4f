// How the abuse suite sends what it sends: raw HTTP bodies (not always JSON, not always UTF-8) and
// graphql-transport-ws messages, each answer kept whole, a request never answered kept as such.
import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export type HttpAnswer = { answered: true; status: number; headers: Headers; body: any } | { answered: false; error: string };

export interface RawRequest {
  method: string;
  path: string;
  token?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** Longer than any answer of a healthy stack; a request not answered by then counts as a crash. */
const ANSWER_DEADLINE_MS = 15_000;

/**
 * A client address of its own for every request (the router trusts one proxy hop in this suite),
 * so the login throttle, which the login tests cover, never stands in for a field's refusal here.
 */
const someClientAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** How often a request shed for load (429 or 503 with Retry-After) is sent again, as a client would. */
const RETRIES_WHEN_SHED = 3;
const LONGEST_RETRY_AFTER_S = 5;

/**
 * One request and its answer. Password hashing is bounded in concurrency, so a burst of logins may
 * be shed with Retry-After: that is the stack protecting itself, not an answer to the input, so the
 * request is sent again after the wait the answer asks for.
 */
export async function sendRaw(origin: string, request: RawRequest): Promise<HttpAnswer> {
  for (let attempt = 0; ; attempt++) {
    const answer = await sendOnce(origin, request);
    const retryAfter = answer.answered ? Number(answer.headers.get('retry-after') ?? NaN) : NaN;
    const shed = answer.answered && (answer.status === 429 || answer.status === 503) && retryAfter <= LONGEST_RETRY_AFTER_S;
    if (!shed || attempt === RETRIES_WHEN_SHED) return answer;
    await sleep(retryAfter * 1_000);
  }
}

async function sendOnce(origin: string, request: RawRequest): Promise<HttpAnswer> {
  const headers: Record<string, string> = { 'x-forwarded-for': someClientAddress(), ...request.headers };
  if (request.token !== undefined) headers['authorization'] = `Bearer ${request.token}`;
  try {
    const response = await fetch(`${origin}${request.path}`, {
      method: request.method,
      headers,
      signal: AbortSignal.timeout(ANSWER_DEADLINE_MS),
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: kept as text, for the list of offenders.
    }
    return { answered: true, status: response.status, headers: response.headers, body };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return { answered: false, error: `${String(error)}${cause}` };
  }
}

/** `run` over every item, at most `concurrency` at a time: enough to keep two cores busy, few enough not to time out. */
export async function inBatches<Item, Result>(items: Item[], concurrency: number, run: (item: Item) => Promise<Result>): Promise<Result[]> {
  const results: Result[] = new Array<Result>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
