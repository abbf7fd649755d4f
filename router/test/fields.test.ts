import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { amountField, amountOf, dateField, dateOf, idField, idInPath, idOf, textField } from '../src/rest/fields.js';

/** The messages a schema answers `value` with, or 'accepted'. */
function verdict(schema: z.ZodType, value: unknown): string[] | 'accepted' {
  const result = schema.safeParse(value);
  return result.success ? 'accepted' : result.error.issues.map((issue) => issue.message);
}

describe('idField', () => {
  const id = idField('Your own user id.');

  it.each([1, 2_147_483_647])('accepts %d', (value) => {
    expect(id.parse(value)).toBe(value);
  });

  it.each([
    [undefined, 'is required'],
    ['7', 'must be an integer'],
    [1.5, 'must be an integer'],
    [null, 'must be an integer'],
    [0, 'must be a positive integer'],
    [-3, 'must be a positive integer'],
    [2_147_483_648, 'must be at most 2147483647'],
  ])('refuses %j: %s', (value, message) => {
    expect(verdict(id, value)).toEqual([message]);
  });
});

describe('idInPath', () => {
  const id = idInPath('The user’s id.');

  it('reads the digits of a path segment as an integer', () => {
    expect(id.parse('12')).toBe(12);
    expect(id.parse('2147483647')).toBe(2_147_483_647);
  });

  it.each(['0', '01', '-1', '1.5', 'me', '2147483648', ''])('refuses %j as not a positive integer id', (segment) => {
    expect(verdict(id, segment)).toEqual(['must be a positive integer id']);
  });
});

describe('amountField', () => {
  const amount = amountField('How much was received.');

  it.each([0.01, 2500.5, 1, 999_999_999_999.99])('accepts %d', (value) => {
    expect(amount.parse(value)).toBe(value);
  });

  it.each([
    [undefined, 'is required'],
    ['12.50', 'must be a finite number'],
    [null, 'must be a finite number'],
    [Number.NEGATIVE_INFINITY, 'must be a finite number'],
    [0, 'must be greater than 0'],
    [-0.01, 'must be greater than 0'],
  ])('refuses %j: %s', (value, message) => {
    expect(verdict(amount, value)).toEqual([message]);
  });

  it.each([1e12, 1_000_000_000_000.01, 1e300, Number.POSITIVE_INFINITY])(
    'refuses %d as more than the largest amount stored, saying so rather than calling it malformed',
    (value) => {
      expect(verdict(amount, value)).toEqual(['must be at most 999999999999.99']);
    },
  );
});

describe('textField', () => {
  const source = textField('Where it came from.', 'Salary');

  it('accepts any string, leaving lengths to the subgraph', () => {
    expect(source.parse('Salary')).toBe('Salary');
  });

  it.each([
    [undefined, 'is required'],
    [42, 'must be a string'],
  ])('refuses %j: %s', (value, message) => {
    expect(verdict(source, value)).toEqual([message]);
  });

  it.each(['Sal\u0000ary', 'Salary\n', '\tSalary', '\u001b[31m', 'Sal\u007fary', 'Sal\u0085ary', 'Sal\u009fary'])(
    'refuses %j, which holds a control character',
    (value) => {
      expect(verdict(source, value)).toEqual(['must not contain control characters (such as NUL, tab or line breaks)']);
    },
  );

  it.each(['Café crème', 'Ａｄａ', '😀 savings', '\u00a0'])('accepts %j, printable in any script', (value) => {
    expect(verdict(source, value)).toBe('accepted');
  });
});

describe('dateField', () => {
  const date = dateField('When it was received.');

  it.each(['2026-11-25', '2024-02-29', '2026-11-25T10:00:00Z', '2026-11-25T23:30:00-02:00', '2026-11-25T10:00:00.5+05:30'])(
    'accepts %j',
    (value) => {
      expect(date.parse(value)).toBe(value);
    },
  );

  it.each(['2026-11-25T10:00:00', '2026-02-30', '25/11/2026', 'tomorrow', 20261125, null])('refuses %j, showing the format', (value) => {
    expect(verdict(date, value)).toEqual(['must be an ISO 8601 date, e.g. "2026-11-25"']);
  });

  it('says a missing date is required', () => {
    expect(verdict(date, undefined)).toEqual(['is required']);
  });
});

describe('response fields', () => {
  it('describe ids as positive integers, amounts as numbers and dates as calendar days', () => {
    expect(verdict(idOf('id'), 12)).toBe('accepted');
    expect(verdict(idOf('id'), 0)).not.toBe('accepted');
    expect(verdict(idOf('id'), 1.5)).not.toBe('accepted');
    expect(verdict(amountOf('amount'), 1250.5)).toBe('accepted');
    expect(verdict(dateOf('date'), '2026-11-25')).toBe('accepted');
    expect(verdict(dateOf('date'), '2026-11-25T10:00:00Z')).not.toBe('accepted');
  });
});

describe('what the OpenAPI document says of each field', () => {
  const DESCRIPTION = 'Said by the route.';
  const asIs = (example: unknown) => example;
  // A path id is documented as the integer it stands for, and arrives as its text.
  const asPathText = (example: unknown) => String(example);
  const documented: [string, z.ZodType, (example: unknown) => unknown][] = [
    ['idField', idField(DESCRIPTION), asIs],
    ['idInPath', idInPath(DESCRIPTION), asPathText],
    ['amountField', amountField(DESCRIPTION), asIs],
    ['textField', textField(DESCRIPTION, 'Salary'), asIs],
    ['dateField', dateField(DESCRIPTION), asIs],
    ['idOf', idOf(DESCRIPTION), asIs],
    ['amountOf', amountOf(DESCRIPTION), asIs],
    ['dateOf', dateOf(DESCRIPTION), asIs],
  ];

  it.each(documented)('%s carries the route’s description and an example it accepts', (_name, schema, asSent) => {
    const meta = schema.meta() ?? {};
    expect(meta['description']).toContain(DESCRIPTION);
    expect(meta['example']).toBeDefined();
    expect(verdict(schema, asSent(meta['example']))).toBe('accepted');
  });

  it('documents a path id as an integer from 1 to the largest id, though it arrives as text', () => {
    expect(idInPath(DESCRIPTION).meta()).toMatchObject({ type: 'integer', minimum: 1, maximum: 2_147_483_647 });
  });

  it('tells callers the rules an amount and a date follow', () => {
    expect(amountField(DESCRIPTION).meta()?.['description']).toBe(
      `${DESCRIPTION} Greater than 0 and at most 999999999999.99, with at most 2 fractional digits; stored exactly.`,
    );
    expect(amountField(DESCRIPTION).meta()?.['example']).toBe(2500.5);
    expect(textField(DESCRIPTION, 'Salary').meta()?.['description']).toBe(`${DESCRIPTION} No control characters.`);
    expect(dateField(DESCRIPTION).meta()?.['description']).toBe(`${DESCRIPTION} ISO 8601 "YYYY-MM-DD".`);
  });
});
