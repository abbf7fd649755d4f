import { describe, expect, it } from 'vitest';
import { calendarDateFrom, formatCalendarDate } from '../src/calendarDate.js';

const read = (value: unknown) => {
  const date = calendarDateFrom(value);
  return date === null ? null : formatCalendarDate(date);
};

describe('calendarDateFrom', () => {
  it('reads ISO dates and reduces date-times with a zone to their UTC date', () => {
    expect(read('2026-11-25')).toBe('2026-11-25');
    expect(read('2024-02-29')).toBe('2024-02-29');
    expect(read('2026-11-25T23:30:00-02:00')).toBe('2026-11-26');
    expect(read('2026-11-25T10:00:00Z')).toBe('2026-11-25');
  });

  it.each([
    '2026-02-29',
    '2026-13-01',
    '2026-11-31',
    '25/11/2026',
    '2026-11-25T10:00:00',
    'tomorrow',
    '',
    '1800-01-01',
    20261125,
    'x2026-11-25',
    '12026-11-25',
    '2026-11-25x',
  ])('refuses %j', (value) => {
    expect(calendarDateFrom(value)).toBeNull();
  });
});
