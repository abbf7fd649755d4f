// The financial summary as PostgreSQL computes it: exact sums over any number of amounts.
import { describe, expect, it } from 'vitest';
import { financeDatabase, newUserId } from '../../../test/support/serviceDatabases.js';
import { expenses } from '../src/expenses.js';
import { financialSummaryFor, type FinancialSummary, type ReadTotals } from '../src/financialSummary.js';
import { formatCalendarDate } from '../src/calendarDate.js';
import { incomes } from '../src/incomes.js';
import { formatMoney } from '../src/money.js';
import { addOwnedRecord } from '../src/ownedRecords.js';
import { summaryTotals } from '../src/summaryTotals.js';

function shown(summary: FinancialSummary) {
  return {
    from: summary.from && formatCalendarDate(summary.from),
    to: summary.to && formatCalendarDate(summary.to),
    totalIncome: formatMoney(summary.totalIncome),
    totalExpenses: formatMoney(summary.totalExpenses),
    net: formatMoney(summary.net),
    savingsRate: summary.savingsRate,
    expensesByCategory: summary.expensesByCategory.map(({ category, total }) => ({ category, total: formatMoney(total) })),
  };
}

const addIncome = (userId: number, amount: string, date: string) =>
  addOwnedRecord(financeDatabase(), incomes, userId, { amount, source: 'Salary', date });
const addExpense = (userId: number, amount: string, category: string, date: string) =>
  addOwnedRecord(financeDatabase(), expenses, userId, { amount, category, date });

const totalsRead: ReadTotals = (userId, period) => summaryTotals(financeDatabase(), userId, period);

describe('financialSummaryFor', () => {
  it('sums 22 of the largest amounts to the cent, beyond what a double holds', async () => {
    const owner = newUserId();
    await Promise.all(Array.from({ length: 22 }, () => addIncome(owner, '999999999999.99', '2026-01-01')));
    await addExpense(owner, '0.01', 'Fees', '2026-01-02');
    const summary = shown(await financialSummaryFor(totalsRead, owner, {}));
    expect(summary.totalIncome).toBe('21999999999999.78');
    expect(summary.net).toBe('21999999999999.77');
  });

  it("sums one period of the owner's records only, its bounds included", async () => {
    const [owner, other] = [newUserId(), newUserId()];
    await addIncome(owner, '1000', '2026-09-30');
    await addIncome(owner, '2000', '2026-10-01');
    await addIncome(other, '5000', '2026-10-15');
    await addExpense(owner, '300', 'Groceries', '2026-10-03');
    await addExpense(owner, '200', 'Groceries', '2026-10-31');
    await addExpense(owner, '700', 'Rent', '2026-10-01');
    await addExpense(owner, '999', 'Rent', '2026-11-01');
    await addExpense(other, '1', 'Rent', '2026-10-02');

    expect(shown(await financialSummaryFor(totalsRead, owner, { from: '2026-10-01', to: '2026-10-31' }))).toEqual({
      from: '2026-10-01',
      to: '2026-10-31',
      totalIncome: '2000.00',
      totalExpenses: '1200.00',
      net: '800.00',
      savingsRate: 0.4,
      expensesByCategory: [
        { category: 'Rent', total: '700.00' },
        { category: 'Groceries', total: '500.00' },
      ],
    });
  });

  it('is all zeros, with no savings rate, for a user without records', async () => {
    expect(shown(await financialSummaryFor(totalsRead, newUserId(), {}))).toEqual({
      from: null,
      to: null,
      totalIncome: '0.00',
      totalExpenses: '0.00',
      net: '0.00',
      savingsRate: null,
      expensesByCategory: [],
    });
  });
});
