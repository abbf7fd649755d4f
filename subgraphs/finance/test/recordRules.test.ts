import { DomainError } from '@ledgerline/service-runtime';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../../../test/support/thrown.js';
import { formatCalendarDate } from '../src/calendarDate.js';
import { formatMoney } from '../src/money.js';
import { calendarDay, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageFrom, periodFrom, positiveAmount, textOfAtMost } from '../src/recordRules.js';

/** The BAD_USER_INPUT a rule answers, as the caller sees it. */
function refusal(check: () => unknown): { message: string; code: string; field: unknown } {
  const { message, code, details } = thrownBy(check, DomainError);
  return { message, code, field: details['field'] };
}

const AMOUNT_FORMAT = 'must be a decimal number with at most 2 fractional digits, e.g. "12.50"';

describe('positiveAmount', () => {
  it.each([
    ['0.01', '0.01'],
    ['12.5', '12.50'],
    [' 7 ', '7.00'],
    [2500.5, '2500.50'],
    ['999999999999.99', '999999999999.99'],
  ])('accepts %j as %s', (value, stored) => {
    expect(formatMoney(positiveAmount('amount', value))).toBe(stored);
  });

  it.each(['0', '-1', '0.00', '-0.01', 0])('refuses %j as not greater than 0, naming the field', (value) => {
    expect(refusal(() => positiveAmount('goal', value))).toEqual({
      message: 'goal: must be greater than 0',
      code: 'BAD_USER_INPUT',
      field: 'goal',
    });
  });

  it.each(['1000000000000', '1000000000000.00', 1e12, 1e21, '1' + '0'.repeat(400), Infinity])(
    'refuses %j as more than the largest amount, saying so',
    (value) => {
      expect(refusal(() => positiveAmount('amount', value))).toEqual({
        message: 'amount: must be at most 999999999999.99',
        code: 'BAD_USER_INPUT',
        field: 'amount',
      });
    },
  );

  it.each(['12.345', 'twelve', '', '1e3', null, undefined, ['12'], true, NaN, 0.001])('refuses %j as not a decimal with cents', (value) => {
    expect(refusal(() => positiveAmount('amount', value))).toEqual({
      message: `amount: ${AMOUNT_FORMAT}`,
      code: 'BAD_USER_INPUT',
      field: 'amount',
    });
  });
});

describe('calendarDay', () => {
  it('reads an ISO date as that calendar day, spaces around it ignored', () => {
    expect(formatCalendarDate(calendarDay('date', '2026-11-25'))).toBe('2026-11-25');
    expect(formatCalendarDate(calendarDay('date', ' 2026-11-25\n'))).toBe('2026-11-25');
    expect(formatCalendarDate(calendarDay('date', ' 2026-11-25T10:00:00Z '))).toBe('2026-11-25');
  });

  it.each(['1900-01-01', '2200-12-31'])('accepts %j, at the edge of the years it allows', (text) => {
    expect(formatCalendarDate(calendarDay('date', text))).toBe(text);
  });

  it.each([
    ['2026-11-25T10:00Z', '2026-11-25'],
    ['2026-11-25T10:00:00.123456789Z', '2026-11-25'],
    ['2026-11-25T01:00:00+0530', '2026-11-24'],
  ])('reads the date-time %j as its UTC day %s', (text, day) => {
    expect(formatCalendarDate(calendarDay('date', text))).toBe(day);
  });

  it.each(['1899-12-31', '2201-01-01', '0050-01-01', '2026-02-30', '2026-11-25T10:00:00.1234567890Z', 'yesterday', 20261125])(
    'refuses %j, naming the field',
    (value) => {
      expect(refusal(() => calendarDay('targetDate', value))).toEqual({
        message: 'targetDate: must be a valid ISO 8601 date, e.g. "2026-11-25", between the years 1900 and 2200',
        code: 'BAD_USER_INPUT',
        field: 'targetDate',
      });
    },
  );
});

describe('textOfAtMost', () => {
  const source = textOfAtMost(10);

  it('stores the text trimmed', () => {
    expect(source('source', '  Salary  ')).toBe('Salary');
  });

  it.each(['Sal\u0000ary', 'Salary\n', '\tSalary', 'Sal\u007fary', 'Sal\u0085ary'])(
    'refuses %j for its control character, naming the field, even where trimming would drop it',
    (text) => {
      expect(refusal(() => source('source', text))).toEqual({
        message: 'source: must not contain control characters (such as NUL, tab or line breaks)',
        code: 'BAD_USER_INPUT',
        field: 'source',
      });
    },
  );

  it('accepts exactly the most characters allowed, counted after trimming', () => {
    expect(source('source', 'x'.repeat(10))).toBe('x'.repeat(10));
    expect(source('source', ` ${'x'.repeat(10)} `)).toBe('x'.repeat(10));
    expect(source('source', 'x')).toBe('x');
  });

  it('refuses one character more', () => {
    expect(refusal(() => source('source', 'x'.repeat(11)))).toEqual({
      message: 'source: must be at most 10 characters',
      code: 'BAD_USER_INPUT',
      field: 'source',
    });
  });

  it.each(['', '   ', '\u00a0 '])('refuses %j as empty', (value) => {
    expect(refusal(() => source('category', value))).toEqual({
      message: 'category: must not be empty',
      code: 'BAD_USER_INPUT',
      field: 'category',
    });
  });

  it.each([42, null, undefined, ['Salary']])('refuses %j, which is not a string', (value) => {
    expect(refusal(() => source('source', value))).toEqual({
      message: 'source: must be a string',
      code: 'BAD_USER_INPUT',
      field: 'source',
    });
  });
});

describe('periodFrom', () => {
  const dayOf = (date: Date | undefined) => (date === undefined ? undefined : formatCalendarDate(date));

  it('reads both ends of a period', () => {
    const period = periodFrom({ from: '2026-01-01', to: '2026-01-31' });
    expect({ from: dayOf(period.from), to: dayOf(period.to) }).toEqual({ from: '2026-01-01', to: '2026-01-31' });
  });

  it('accepts a period of a single day', () => {
    const period = periodFrom({ from: '2026-01-15', to: '2026-01-15' });
    expect({ from: dayOf(period.from), to: dayOf(period.to) }).toEqual({ from: '2026-01-15', to: '2026-01-15' });
  });

  it('leaves an end that is missing or null open', () => {
    expect(periodFrom({})).toEqual({ from: undefined, to: undefined });
    expect(periodFrom({ from: null, to: null })).toEqual({ from: undefined, to: undefined });
    expect(dayOf(periodFrom({ from: '2026-01-01', to: null }).from)).toBe('2026-01-01');
    expect(dayOf(periodFrom({ to: '2026-01-31' }).to)).toBe('2026-01-31');
  });

  it('refuses a start after the end, naming `from`', () => {
    expect(refusal(() => periodFrom({ from: '2026-02-01', to: '2026-01-31' }))).toEqual({
      message: 'from: must not be after `to`',
      code: 'BAD_USER_INPUT',
      field: 'from',
    });
  });

  it('names the end that is not a date', () => {
    expect(refusal(() => periodFrom({ from: 'soon', to: '2026-01-31' })).field).toBe('from');
    expect(refusal(() => periodFrom({ from: '2026-01-01', to: 'later' })).field).toBe('to');
  });
});

describe('pageFrom', () => {
  it('defaults to the first 100 records', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(100);
    expect(pageFrom({})).toEqual({ limit: 100, offset: 0 });
    expect(pageFrom({ limit: null, offset: null })).toEqual({ limit: 100, offset: 0 });
  });

  it.each([1, MAX_PAGE_SIZE])('accepts a limit of %d', (limit) => {
    expect(pageFrom({ limit })).toEqual({ limit, offset: 0 });
  });

  it.each([0, -1, 501])('refuses a limit of %d', (limit) => {
    expect(refusal(() => pageFrom({ limit }))).toEqual({
      message: 'limit: must be between 1 and 500',
      code: 'BAD_USER_INPUT',
      field: 'limit',
    });
  });

  it.each([0, 1_000_000])('accepts an offset of %d', (offset) => {
    expect(pageFrom({ offset })).toEqual({ limit: 100, offset });
  });

  it.each([-1, 1_000_001])('refuses an offset of %d', (offset) => {
    expect(refusal(() => pageFrom({ offset }))).toEqual({
      message: 'offset: must be between 0 and 1000000',
      code: 'BAD_USER_INPUT',
      field: 'offset',
    });
  });
});
