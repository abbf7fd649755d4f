// What the abuse suite makes of each answer to a malformed input: right (accepted, or refused
// naming the field at fault, or refused for what the value means), a 5xx, a crash (no answer), or
// a wrong refusal (no field named, no code, the wrong reason for a malformed body, or a control
// character accepted). One place, so REST, GraphQL and subscriptions are judged alike.
import { isDomainErrorCode, statusOf } from '../../router/src/rest/errorModel.js';
import type { AbuseCounts } from '../support/abuseCounts.js';
import type { SubscriptionOutcome } from './subscriptionAttempt.js';

export type Verdict = 'right' | 'answer of 5xx' | 'crash' | 'wrong refusal';

export interface Judgement {
  verdict: Verdict;
  /** The answer, short: status, code and message. */
  answer: string;
}

/**
 * Refusals that say what is wrong with the value's meaning rather than its form (a wrong password, no
 * such record, someone else's, too many attempts, an operation too large): right without a field.
 */
const REFUSALS_FOR_MEANING = new Set([
  'INVALID_CREDENTIALS',
  'NOT_FOUND',
  'FORBIDDEN',
  'EMAIL_TAKEN',
  'USERNAME_TAKEN',
  'GROUP_CLOSED',
  'EVENTS_EXPIRED',
  'IDEMPOTENCY_KEY_REUSED',
  'PAYLOAD_TOO_LARGE',
  'TOO_MANY_REQUESTS',
  'OPERATION_LIMIT_EXCEEDED',
]);

/** Codes of a refusal of the input's form, which must name the field. */
const REFUSALS_OF_FORM = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'MALFORMED_JSON']);

const right = (answer: string): Judgement => ({ verdict: 'right', answer });

export const unanswered = (error: string): Judgement => ({ verdict: 'crash', answer: `no answer: ${error}` });

/** HTTP statuses that refuse a request as a whole, whatever is in it: too large, too many. */
const refusedAsAWhole = (status: number) => status === 413 || status === 429 || status === 431;

interface RestErrorBody {
  error?: { code?: string; message?: string; details?: { fields?: { field: string }[] } };
}

const namesField = (named: string, field: string) => named === field || named.startsWith(`${field}.`) || named.startsWith(`${field}[`);

/** An input that must be refused (a control character in text) but was accepted. */
const acceptedWrongly = (answer: string): Judgement => ({ verdict: 'wrong refusal', answer: `accepted: ${answer}` });

export function judgeRestFieldAnswer(field: string, status: number, body: unknown, mustBeRefused = false): Judgement {
  const error = (body as RestErrorBody | null)?.error;
  const answer = `HTTP ${status} ${error?.code ?? ''}: ${(error?.message ?? JSON.stringify(body) ?? '').slice(0, 160)}`;
  if (status >= 500) return { verdict: 'answer of 5xx', answer };
  if (status < 400) return mustBeRefused ? acceptedWrongly(answer) : right(answer);
  if (refusedAsAWhole(status)) return right(answer);
  const code = error?.code ?? '';
  if (REFUSALS_FOR_MEANING.has(code)) return right(answer);
  const named = (error?.details?.fields ?? []).some((problem) => namesField(problem.field, field));
  return named ? right(answer) : { verdict: 'wrong refusal', answer };
}

/** A whole-body malformation: refused with one of `codes`. */
export function judgeRestBodyAnswer(codes: string[], status: number, body: unknown): Judgement {
  const error = (body as RestErrorBody | null)?.error;
  const answer = `HTTP ${status} ${error?.code ?? ''}: ${(error?.message ?? JSON.stringify(body) ?? '').slice(0, 160)}`;
  if (status >= 500) return { verdict: 'answer of 5xx', answer };
  if (status < 400) return { verdict: 'wrong refusal', answer: `accepted: ${answer}` };
  if (status === 429) return right(answer);
  return codes.includes(error?.code ?? '')
    ? right(answer)
    : { verdict: 'wrong refusal', answer: `expected ${codes.join(' or ')}; ${answer}` };
}

export interface GraphQLError {
  message: string;
  extensions?: { code?: string; field?: unknown };
}

/**
 * An error that REST would answer with a 5xx (INTERNAL_SERVER_ERROR, SUBGRAPH_UNAVAILABLE...): a
 * malformed input is the client's fault, never the server's or a subgraph's.
 */
const isServerFailure = (error: GraphQLError): boolean => {
  const code = error.extensions?.code;
  return code === 'INTERNAL_SERVER_ERROR' || (isDomainErrorCode(code) && statusOf(code) >= 500);
};

/** Whether an error names the argument: extensions.field, or the argument or its variable in the message. */
function errorNames(error: GraphQLError, argument: string): boolean {
  const field = error.extensions?.field;
  if (typeof field === 'string' && namesField(field, argument)) return true;
  const top = argument.split('.')[0]!;
  return new RegExp(`(^|[^\\w])\\$?${top}([^\\w]|$)`).test(error.message);
}

/** The errors of a GraphQL answer (over HTTP or WebSocket) to a malformed value of `argument`. */
export function judgeGraphqlErrors(argument: string, errors: GraphQLError[] | undefined, status = 200, mustBeRefused = false): Judgement {
  const list = errors ?? [];
  const answer = `HTTP ${status} ${list.map((error) => `${error.extensions?.code ?? 'no code'}: ${error.message.slice(0, 160)}`).join('; ')}`;
  if (status >= 500) return { verdict: 'answer of 5xx', answer };
  if (list.some(isServerFailure)) return { verdict: 'answer of 5xx', answer };
  if (list.length === 0 && status < 400) return mustBeRefused ? acceptedWrongly(answer) : right(answer);
  if (refusedAsAWhole(status)) return right(answer);
  const wrong = list.filter((error) => {
    // Without a code, a client cannot tell a refusal of its input from anything else.
    const code = error.extensions?.code ?? 'no code';
    if (REFUSALS_FOR_MEANING.has(code)) return false;
    return !(REFUSALS_OF_FORM.has(code) && errorNames(error, argument));
  });
  return wrong.length === 0 ? right(answer) : { verdict: 'wrong refusal', answer };
}

/** WebSocket closes that refuse a message as a whole: too big, malformed, too many. */
const WHOLE_MESSAGE_REFUSALS = new Set([1009, 4400, 4429]);

/** The first answer to a subscription with a malformed value of `argument`. */
export function judgeSubscriptionOutcome(argument: string, outcome: SubscriptionOutcome, mustBeRefused = false): Judgement {
  switch (outcome.kind) {
    case 'errors':
      return judgeGraphqlErrors(argument, outcome.errors, 200, mustBeRefused);
    case 'event':
      return judgeGraphqlErrors(argument, outcome.payload.errors, 200, mustBeRefused);
    case 'subscribed':
      return mustBeRefused ? acceptedWrongly('subscribed') : right('subscribed');
    case 'unanswered':
      return unanswered(outcome.error);
    case 'closed': {
      const answer = `closed ${outcome.code} ${outcome.reason}`;
      if (WHOLE_MESSAGE_REFUSALS.has(outcome.code)) return right(answer);
      if (outcome.code === 1011) return { verdict: 'answer of 5xx', answer };
      return outcome.code === 1006 ? { verdict: 'crash', answer } : { verdict: 'wrong refusal', answer };
    }
  }
}

/** A request that is malformed as a whole (not JSON, no query): any refusal of 4xx is right. */
export function judgeWholeRequestAnswer(status: number, errors: GraphQLError[] | undefined): Judgement {
  const answer = `HTTP ${status} ${(errors ?? []).map((error) => `${error.extensions?.code ?? 'no code'}: ${error.message.slice(0, 160)}`).join('; ')}`;
  if (status >= 500 || (errors ?? []).some(isServerFailure)) return { verdict: 'answer of 5xx', answer };
  // A refusal over HTTP 200 is GraphQL's own (an unknown persisted query, say); it must still be one.
  return status >= 400 || (errors ?? []).length > 0 ? right(answer) : { verdict: 'wrong refusal', answer: `accepted: ${answer}` };
}

/** Each case's name and its judgement: the counts for the report, and the offenders grouped by verdict. */
export class Tally {
  readonly offenders = new Map<Verdict, string[]>();
  inputsTried = 0;

  add(caseName: string, judgement: Judgement): void {
    this.inputsTried += 1;
    if (judgement.verdict === 'right') return;
    this.offenders.set(judgement.verdict, [...(this.offenders.get(judgement.verdict) ?? []), `${caseName} → ${judgement.answer}`]);
  }

  count(verdict: Verdict): number {
    return this.offenders.get(verdict)?.length ?? 0;
  }

  counts(): Partial<AbuseCounts> {
    return {
      inputsTried: this.inputsTried,
      answersOf5xx: this.count('answer of 5xx'),
      crashes: this.count('crash'),
      wrongRefusals: this.count('wrong refusal'),
    };
  }

  /** Every offender, by verdict, for the failure message and the log. */
  report(): string {
    return [...this.offenders]
      .map(([verdict, cases]) => `${cases.length} ${verdict}:\n${cases.map((line) => `  ${line}`).join('\n')}`)
      .join('\n');
  }
}
