// The owned-record rules on the Finance service's own database: every kind of record is added,
// changed, deleted and listed by its owner only, with its fields checked on every path.
import { DomainError } from '@ledgerline/service-runtime';
import { describe, expect, it } from 'vitest';
import { financeDatabase, newUserId } from '../../../test/support/serviceDatabases.js';
import { rejectionOf } from '../../../test/support/thrown.js';
import { expenses } from '../src/expenses.js';
import { formatCalendarDate } from '../src/calendarDate.js';
import { incomes } from '../src/incomes.js';
import { formatMoney, type Money } from '../src/money.js';
import { addOwnedRecord, deleteOwnedRecord, listOwnedRecords, updateOwnedRecord, type OwnedRecordKind } from '../src/ownedRecords.js';
import type { OwnedTableName } from '../src/ownedRecordTables.js';
import { savingsGoals } from '../src/savingsGoals.js';

interface KindUnderTest {
  kind: OwnedRecordKind<OwnedTableName, object>;
  amountField: string;
  dateField: string;
  /** The kind's text field, if it has one. */
  textField?: string;
  valid: Record<string, unknown>;
  /** The order the kind lists its dates in. */
  order: 'newest first' | 'soonest first';
}

const kinds: KindUnderTest[] = [
  {
    kind: incomes,
    amountField: 'amount',
    dateField: 'date',
    textField: 'source',
    valid: { amount: '2500.00', source: 'Salary', date: '2026-11-01' },
    order: 'newest first',
  },
  {
    kind: expenses,
    amountField: 'amount',
    dateField: 'date',
    textField: 'category',
    valid: { amount: '42.10', category: 'Groceries', date: '2026-11-02' },
    order: 'newest first',
  },
  {
    kind: savingsGoals,
    amountField: 'goal',
    dateField: 'targetDate',
    valid: { goal: '5000.00', targetDate: '2027-06-30' },
    order: 'soonest first',
  },
];

/** A record's fields as the API shows them: money with two places, dates as YYYY-MM-DD. */
function shown(record: object): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record)) {
    if (name === 'createdAt') continue;
    fields[name] =
      value instanceof Date ? formatCalendarDate(value) : typeof value === 'object' && value !== null ? formatMoney(value as Money) : value;
  }
  return fields;
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string; field: unknown }> {
  const error = await rejectionOf(promise, DomainError);
  return { code: error.code, message: error.message, field: error.details['field'] };
}

describe.each(kinds)('owned records: $kind.recordName', ({ kind, amountField, dateField, valid, order }) => {
  const db = financeDatabase;
  const add = (userId: number, overrides: Record<string, unknown> = {}) => addOwnedRecord(db(), kind, userId, { ...valid, ...overrides });
  const listOf = async (userId: number) => (await listOwnedRecords(db(), kind, userId, { limit: 500 })).map(shown);

  it('stores a record with its fields checked and exact, for its owner', async () => {
    const owner = newUserId();
    const record = await add(owner, { [amountField]: '0.10' });
    expect(shown(record)).toEqual({ ...valid, [amountField]: '0.10', id: record.id, userId: owner });
    expect(await listOf(owner)).toEqual([shown(record)]);
  });

  it("refuses another user's update and delete with FORBIDDEN and leaves the record as it was", async () => {
    const [owner, intruder] = [newUserId(), newUserId()];
    const record = await add(owner);
    expect(await refusal(updateOwnedRecord(db(), kind, intruder, record.id, { [amountField]: '1.00' }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await refusal(deleteOwnedRecord(db(), kind, intruder, record.id))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await listOf(owner)).toEqual([shown(record)]);
    expect(await listOf(intruder)).toEqual([]);
  });

  it('answers NOT_FOUND for an id that does not exist, on update and delete', async () => {
    const owner = newUserId();
    const missing = 2_147_483_000;
    expect(await refusal(updateOwnedRecord(db(), kind, owner, missing, { [amountField]: '1.00' }))).toEqual({
      code: 'NOT_FOUND',
      message: `No ${kind.recordName} with this id`,
      field: undefined,
    });
    expect(await refusal(deleteOwnedRecord(db(), kind, owner, missing))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('changes only the fields given, and deletes for good', async () => {
    const owner = newUserId();
    const record = await add(owner);
    const updated = await updateOwnedRecord(db(), kind, owner, record.id, { [amountField]: '12.25', [dateField]: null });
    expect(shown(updated)).toEqual({ ...shown(record), [amountField]: '12.25' });
    expect(await deleteOwnedRecord(db(), kind, owner, record.id)).toBe(record.id);
    expect(await listOf(owner)).toEqual([]);
    expect(await refusal(deleteOwnedRecord(db(), kind, owner, record.id))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it.each([
    ['a zero amount', '0', 'must be greater than 0'],
    ['a negative amount', '-5.00', 'must be greater than 0'],
    ['fractions of a cent', '1.005', 'must be a decimal number with at most 2 fractional digits, e.g. "12.50"'],
  ])('refuses %s on add and on update, storing nothing', async (_name, amount, problem) => {
    const owner = newUserId();
    expect(await refusal(add(owner, { [amountField]: amount }))).toEqual({
      code: 'BAD_USER_INPUT',
      message: `${amountField}: ${problem}`,
      field: amountField,
    });
    const record = await add(owner);
    expect(await refusal(updateOwnedRecord(db(), kind, owner, record.id, { [amountField]: amount }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: amountField,
    });
    expect(await listOf(owner)).toEqual([shown(record)]);
  });

  it('refuses a record with a field missing, naming the field, and stores nothing', async () => {
    const owner = newUserId();
    const { [dateField]: _date, ...withoutDate } = valid;
    expect(await refusal(addOwnedRecord(db(), kind, owner, withoutDate as typeof valid))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: dateField,
    });
    expect(await listOf(owner)).toEqual([]);
  });

  it('refuses an impossible date on add and on update', async () => {
    const owner = newUserId();
    expect(await refusal(add(owner, { [dateField]: '2026-02-30' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: dateField });
    const record = await add(owner);
    expect(await refusal(updateOwnedRecord(db(), kind, owner, record.id, { [dateField]: '2026-13-01' }))).toMatchObject({
      field: dateField,
    });
  });

  it(`lists the owner's records ${order}, page by page, within a period`, async () => {
    const owner = newUserId();
    const days = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05'];
    for (const day of days) await add(owner, { [dateField]: day });
    await add(newUserId(), { [dateField]: '2026-03-03' });
    const inOrder = order === 'newest first' ? [...days].reverse() : days;
    const page = async (filter: Record<string, unknown>) =>
      (await listOwnedRecords(db(), kind, owner, filter)).map((record) => shown(record)[dateField]);

    expect(await page({})).toEqual(inOrder);
    expect(await page({ limit: 2, offset: 0 })).toEqual(inOrder.slice(0, 2));
    expect(await page({ limit: 2, offset: 2 })).toEqual(inOrder.slice(2, 4));
    expect(await page({ limit: 2, offset: 4 })).toEqual(inOrder.slice(4));
    expect(await page({ from: '2026-03-02', to: '2026-03-04' })).toEqual(
      inOrder.filter((day) => day >= '2026-03-02' && day <= '2026-03-04'),
    );
    expect(await refusal(listOwnedRecords(db(), kind, owner, { limit: 501 }))).toMatchObject({ field: 'limit' });
    expect(await refusal(listOwnedRecords(db(), kind, owner, { from: '2026-03-05', to: '2026-03-01' }))).toMatchObject({ field: 'from' });
  });
});

describe.each(kinds.filter((kind): kind is KindUnderTest & { textField: string } => kind.textField !== undefined))(
  'owned records with text: $kind.recordName',
  ({ kind, textField, valid }) => {
    const db = financeDatabase;
    const add = (userId: number, overrides: Record<string, unknown> = {}) => addOwnedRecord(db(), kind, userId, { ...valid, ...overrides });
    const listOf = async (userId: number) => (await listOwnedRecords(db(), kind, userId, {})).map(shown);

    it('refuses an empty or overlong text on add and on update, and stores it trimmed', async () => {
      const field = textField;
      const owner = newUserId();
      expect(await refusal(add(owner, { [field]: '   ' }))).toEqual({
        code: 'BAD_USER_INPUT',
        message: `${field}: must not be empty`,
        field,
      });
      const record = await add(owner);
      expect(await refusal(updateOwnedRecord(db(), kind, owner, record.id, { [field]: '  ' }))).toMatchObject({ field });
      expect(await refusal(updateOwnedRecord(db(), kind, owner, record.id, { [field]: 'x'.repeat(201) }))).toMatchObject({ field });
      const trimmed = await updateOwnedRecord(db(), kind, owner, record.id, { [field]: '  Gift  ' });
      expect(shown(trimmed)[field]).toBe('Gift');
      expect(await listOf(owner)).toEqual([shown(trimmed)]);
    });
  },
);

describe('expenses by category', () => {
  it('lists only the expenses of the category asked for', async () => {
    const owner = newUserId();
    await addOwnedRecord(financeDatabase(), expenses, owner, { amount: '800', category: 'Rent', date: '2026-10-01' });
    await addOwnedRecord(financeDatabase(), expenses, owner, { amount: '20', category: 'Coffee', date: '2026-10-02' });
    await addOwnedRecord(financeDatabase(), expenses, owner, { amount: '3.50', category: 'Coffee', date: '2026-10-03' });

    const coffee = await listOwnedRecords(financeDatabase(), expenses, owner, { match: { category: ' Coffee ' } });
    expect(coffee.map((expense) => [expense.category, formatMoney(expense.amount)])).toEqual([
      ['Coffee', '3.50'],
      ['Coffee', '20.00'],
    ]);
    const all = await listOwnedRecords(financeDatabase(), expenses, owner, { match: { category: null } });
    expect(all).toHaveLength(3);
  });
});
