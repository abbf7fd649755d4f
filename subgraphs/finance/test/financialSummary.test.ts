import { DomainError } from '@ledgerline/service-runtime';
import { describe, expect, it, vi } from 'vitest';
import { formatCalendarDate } from '../src/calendarDate.js';
import { financialSummaryFor, summarize } from '../src/financialSummary.js';
import { formatMoney, Money } from '../src/money.js';
import type { Period } from '../src/recordRules.js';
import type { SummaryTotals } from '../src/summaryTotals.js';

const totals = (income: string, expenses: string, byCategory: [string, string][] = []): SummaryTotals => ({
  income: new Money(income),
  expenses: new Money(expenses),
  expensesByCategory: byCategory.map(([category, total]) => ({ category, total: new Money(total) })),
});

const categoriesOf = (summary: ReturnType<typeof summarize>) =>
  summary.expensesByCategory.map(({ category, total }) => [category, formatMoney(total)]);

describe('summarize', () => {
  it('keeps the totals and nets them exactly', () => {
    const summary = summarize(totals('0.3', '0.1'));
    expect(formatMoney(summary.totalIncome)).toBe('0.30');
    expect(formatMoney(summary.totalExpenses)).toBe('0.10');
    expect(summary.net.toString()).toBe('0.2');
  });

  it('nets large amounts to the cent', () => {
    expect(formatMoney(summarize(totals('999999999999.99', '0.01')).net)).toBe('999999999999.98');
  });

  it('gives the share of income left as the savings rate, to four places', () => {
    expect(summarize(totals('3000', '1000')).savingsRate).toBe(0.6667);
    expect(summarize(totals('1000', '250')).savingsRate).toBe(0.75);
    expect(summarize(totals('1000', '0')).savingsRate).toBe(1);
  });

  it('gives a negative net and savings rate when spending exceeds income', () => {
    const summary = summarize(totals('1000', '1500'));
    expect(formatMoney(summary.net)).toBe('-500.00');
    expect(summary.savingsRate).toBe(-0.5);
  });

  it('gives no savings rate without income', () => {
    const summary = summarize(totals('0', '120.50'));
    expect(summary.savingsRate).toBeNull();
    expect(formatMoney(summary.net)).toBe('-120.50');
  });

  it('lists categories largest first, then by name', () => {
    const summary = summarize(
      totals('0', '0', [
        ['Rent', '900'],
        ['Food', '250.10'],
        ['Books', '40'],
        ['Travel', '250.10'],
        ['Art', '40'],
      ]),
    );
    expect(categoriesOf(summary)).toEqual([
      ['Rent', '900.00'],
      ['Food', '250.10'],
      ['Travel', '250.10'],
      ['Art', '40.00'],
      ['Books', '40.00'],
    ]);
  });

  it('leaves the totals it was given as they were', () => {
    const given = totals('100', '60', [
      ['Books', '10'],
      ['Rent', '50'],
    ]);
    summarize(given);
    expect(given.expensesByCategory.map(({ category }) => category)).toEqual(['Books', 'Rent']);
  });
});

/** A stand-in for the totals read that answers every period with the same figures. */
function databaseSumming(income: string, expenses: string) {
  const readTotals = vi.fn(async (_userId: number, _period: Period) => totals(income, expenses, [['Rent', expenses]]));
  return { db: readTotals, incomeSum: readTotals };
}

describe('financialSummaryFor', () => {
  it('summarises the caller’s records over the period asked for', async () => {
    const { db, incomeSum } = databaseSumming('3000', '1000');
    const summary = await financialSummaryFor(db, 7, { from: '2026-01-01', to: '2026-01-31' });
    expect(summary.from && formatCalendarDate(summary.from)).toBe('2026-01-01');
    expect(summary.to && formatCalendarDate(summary.to)).toBe('2026-01-31');
    expect(formatMoney(summary.net)).toBe('2000.00');
    expect(summary.savingsRate).toBe(0.6667);
    expect(incomeSum).toHaveBeenCalledWith(7, expect.anything());
  });

  it('answers an open end of the period as null', async () => {
    const { db } = databaseSumming('10', '5');
    const summary = await financialSummaryFor(db, 7, { to: '2026-01-31' });
    expect(summary.from).toBeNull();
    expect(summary.to && formatCalendarDate(summary.to)).toBe('2026-01-31');
    expect(await financialSummaryFor(db, 7, {})).toMatchObject({ from: null, to: null });
  });

  it('refuses a period that ends before it starts, without reading anything', async () => {
    const { db, incomeSum } = databaseSumming('10', '5');
    await expect(financialSummaryFor(db, 7, { from: '2026-02-01', to: '2026-01-01' })).rejects.toThrow(DomainError);
    expect(incomeSum).not.toHaveBeenCalled();
  });
});
