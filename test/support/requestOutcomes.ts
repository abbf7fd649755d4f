// How a fault scenario sends each request and judges it: succeeded (HTTP 200 with data and no
// errors) or failed, which is an answer with an error or no answer by the deadline.
import type { GraphQLAnswer, GraphQLRequestBody, RouterAt } from './routerAt.js';

/** Longer than any answer of a healthy stack, short enough to keep a scenario to seconds. */
const ANSWER_DEADLINE_MS = 5_000;

export type RequestOutcome =
  { answered: true; status: number; headers: Headers; answer: GraphQLAnswer } | { answered: false; error: string };

export async function sendThrough(router: RouterAt, body: GraphQLRequestBody, token?: string): Promise<RequestOutcome> {
  try {
    const { status, headers, answer } = await router.post(body, token, AbortSignal.timeout(ANSWER_DEADLINE_MS));
    return { answered: true, status, headers, answer };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return { answered: false, error: `${String(error)}${cause}` };
  }
}

export const succeeded = (outcome: RequestOutcome): boolean =>
  outcome.answered && outcome.status === 200 && outcome.answer.errors === undefined && outcome.answer.data != null;

/** Whether the client was told the request failed: no answer, an HTTP error status, or GraphQL errors. */
export const reportedAsFailed = (outcome: RequestOutcome): boolean =>
  !outcome.answered || outcome.status !== 200 || (outcome.answer.errors?.length ?? 0) > 0;

/** The codes of the answer's errors ("no code" for one without); empty for no answer or no errors. */
export function errorCodesOf(outcome: RequestOutcome): string[] {
  return outcome.answered ? (outcome.answer.errors ?? []).map((error) => error.extensions?.code ?? 'no code') : [];
}

/** One line on what went wrong, the same for the same kind of failure, so failures can be counted by kind. */
export function failureOf(outcome: RequestOutcome): string {
  if (!outcome.answered) return `no answer: ${outcome.error}`;
  const errors = (outcome.answer.errors ?? []).map((error) => `${error.extensions?.code ?? 'no code'}: ${error.message}`);
  return `HTTP ${outcome.status}${errors.length > 0 ? ` ${errors.join('; ')}` : ' without errors'}`;
}

/** Every request a scenario sent, and the failures among them by kind. */
export class RequestTally {
  sent = 0;
  failed = 0;
  readonly failures = new Map<string, number>();

  count(outcome: RequestOutcome): void {
    this.sent += 1;
    if (succeeded(outcome)) return;
    this.failed += 1;
    const failure = failureOf(outcome);
    this.failures.set(failure, (this.failures.get(failure) ?? 0) + 1);
  }
}
