// The value types of the REST contract as zod schemas. They validate requests, type the route
// handlers and become the OpenAPI document, so the three cannot disagree. Rules beyond type and
// format (lengths, email syntax, cents) stay in the subgraphs and come back as BAD_USER_INPUT.
// Control characters and amounts too large to store are refused here too, so a REST caller hears
// of them under the name of its own field.
import { MAX_RECORD_ID as MAX_ID, parseRecordId } from '@ledgerline/identity';
import { hasControlCharacter } from '@ledgerline/service-runtime';
import { z } from 'zod';

/** The message for a missing field or a value of the wrong type; the field name is added later. */
const expected = (what: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`);

export const idField = (description: string) =>
  z
    .int({ error: expected('an integer') })
    .min(1, { error: 'must be a positive integer' })
    .max(MAX_ID, { error: `must be at most ${MAX_ID}` })
    .meta({ description, example: 1 });

/** A path segment such as the 12 of /income/12: digits only, read as an integer. */
export const idInPath = (description: string) =>
  z
    .string()
    .refine((text) => parseRecordId(text) !== null, { error: 'must be a positive integer id' })
    .transform(Number)
    .meta({ type: 'integer', minimum: 1, maximum: MAX_ID, description, example: 1 });

/** The largest amount the Finance service stores (numeric(14,2)): 12 integer digits and 2 fractional ones. */
const LARGEST_AMOUNT = 999_999_999_999.99;
const TOO_LARGE = `must be at most ${LARGEST_AMOUNT}`;

export const amountField = (description: string) =>
  z
    // JSON's 1e400 reads as Infinity: a number too large, not something other than a number.
    .number({ error: (issue) => (issue.input === Number.POSITIVE_INFINITY ? TOO_LARGE : expected('a finite number')(issue)) })
    .positive({ error: 'must be greater than 0' })
    .max(LARGEST_AMOUNT, { error: TOO_LARGE })
    .meta({
      description: `${description} Greater than 0 and at most ${LARGEST_AMOUNT}, with at most 2 fractional digits; stored exactly.`,
      example: 2500.5,
    });

const NO_CONTROL_CHARACTERS = 'must not contain control characters (such as NUL, tab or line breaks)';

/** Any text but control characters (C0, DEL, C1), refused as the subgraphs refuse them; lengths are the subgraphs'. */
export const textField = (description: string, example: string) =>
  z
    .string({ error: expected('a string') })
    .refine((text) => !hasControlCharacter(text), { error: NO_CONTROL_CHARACTERS })
    .meta({ description: `${description} No control characters.`, example, pattern: '^[^\\u0000-\\u001F\\u007F-\\u009F]*$' });

const DATE_FORMAT = 'an ISO 8601 date, e.g. "2026-11-25"';

/** A calendar date; a date-time with a zone is accepted too (its UTC date counts), as in GraphQL. */
export const dateField = (description: string) =>
  z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: expected(DATE_FORMAT) })
    .meta({ description: `${description} ISO 8601 "YYYY-MM-DD".`, example: '2026-11-25' });

export const idOf = (description: string) => z.int().min(1).meta({ description, example: 12 });
export const amountOf = (description: string) => z.number().meta({ description, example: 2500.5 });
export const dateOf = (description: string) => z.iso.date().meta({ description, example: '2026-11-25' });
