// The Idempotency-Key a client sends with a write (IETF draft "The Idempotency-Key HTTP Header
// Field"): the router checks its form, and passes it to the subgraph that owns the write under the
// same header name, where it is kept with the write (subgraphs/finance/src/idempotentWrites.ts).
import { badInput } from './DomainError.js';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** Long enough for a UUID or a ULID with a prefix; printable ASCII, so it is safe to log and store. */
const ACCEPTABLE_KEY = /^[\x21-\x7e]{1,255}$/;

/** The key a request carries, or null; a key that is present but unusable is refused with BAD_USER_INPUT. */
export function idempotencyKeyFrom(headerValue: string | string[] | undefined): string | null {
  if (headerValue === undefined) return null;
  const value = Array.isArray(headerValue) ? headerValue.join(',') : headerValue;
  if (!ACCEPTABLE_KEY.test(value)) {
    throw badInput('Idempotency-Key', 'must be 1 to 255 printable ASCII characters without spaces, e.g. a UUID');
  }
  return value;
}
