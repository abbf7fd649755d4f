import { describe, expect, it } from 'vitest';
import { defaultDayIn, firstDayOf, lastDayOf, shiftMonth } from '../src/dashboard/calendarMonth.js';

describe("the dashboard's month", () => {
  it('spans its first to its last day, February of a leap year included', () => {
    expect([firstDayOf('2026-11'), lastDayOf('2026-11')]).toEqual(['2026-11-01', '2026-11-30']);
    expect(lastDayOf('2026-12')).toBe('2026-12-31');
    expect(lastDayOf('2028-02')).toBe('2028-02-29');
    expect(lastDayOf('2100-02')).toBe('2100-02-28');
  });

  it('moves to the months either side across a year boundary', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2027-01', -1)).toBe('2026-12');
    expect(shiftMonth('2026-05', -17)).toBe('2024-12');
  });

  it('dates a new record today when today is in the month, else on its first day', () => {
    const today = new Date(2026, 10, 26);
    expect(defaultDayIn('2026-11', today)).toBe('2026-11-26');
    expect(defaultDayIn('2026-10', today)).toBe('2026-10-01');
    expect(defaultDayIn('2025-11', today)).toBe('2025-11-01');
  });
});
