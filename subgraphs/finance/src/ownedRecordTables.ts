// The data layer of a user's own records (incomes, expenses, savings goals): the only code that
// calls Prisma for them (their pages are read in raw SQL: ownedRecordPages.ts). Prisma's "no
// record matched" comes back as null or false here, so the domain rules never see a Prisma error code.
import type { FinanceQueries } from './db.js';
import type { Expense, Income, SavingsGoal } from './generated/prisma/client.js';
import { isPrismaError } from '@ledgerline/service-runtime';

interface RowsByTable {
  income: Income;
  expense: Expense;
  savingsGoal: SavingsGoal;
}

export type OwnedTableName = keyof RowsByTable;
export type RowOf<Table extends OwnedTableName> = RowsByTable[Table];

/** How a kind of record is found and ordered: its date column, and which end of it comes first. */
export interface OwnedTableLayout<Table extends OwnedTableName> {
  table: Table;
  dateColumn: 'date' | 'targetDate';
  order: 'asc' | 'desc';
}

export interface OwnedRecordsQuery {
  userId: number;
  from: Date | undefined;
  to: Date | undefined;
  /** Columns that must equal these values, e.g. { category: 'Rent' }. */
  match: object;
  limit: number;
  offset: number;
}

/** The calls every owned table answers alike, as Prisma's generated delegates spell them. */
interface OwnedTableDelegate<Row> {
  create(args: { data: object }): Promise<Row>;
  update(args: { where: { id: number; userId: number }; data: object }): Promise<Row>;
  delete(args: { where: { id: number; userId: number } }): Promise<Row>;
  findUnique(args: { where: { id: number }; select: { userId: true } }): Promise<{ userId: number } | null>;
}

function delegateOf<Table extends OwnedTableName>(db: FinanceQueries, table: Table): OwnedTableDelegate<RowOf<Table>> {
  // Each generated delegate has a type of its own; the calls above are the same on all three.
  return db[table] as unknown as OwnedTableDelegate<RowOf<Table>>;
}

/** Prisma's code for "the record to update or delete does not exist" (here: not with this id and owner). */
const NO_RECORD_MATCHED = 'P2025';

export function insertOwnedRecord<Table extends OwnedTableName>(
  db: FinanceQueries,
  table: Table,
  data: { userId: number },
): Promise<RowOf<Table>> {
  return delegateOf(db, table).create({ data });
}

/** The updated row, or null when no row has this id and this owner. */
export async function updateOwnedRow<Table extends OwnedTableName>(
  db: FinanceQueries,
  table: Table,
  key: { id: number; userId: number },
  data: object,
): Promise<RowOf<Table> | null> {
  try {
    return await delegateOf(db, table).update({ where: key, data });
  } catch (error) {
    if (isPrismaError(error, NO_RECORD_MATCHED)) return null;
    throw error;
  }
}

/** False when no row has this id and this owner. */
export async function deleteOwnedRow(db: FinanceQueries, table: OwnedTableName, key: { id: number; userId: number }): Promise<boolean> {
  try {
    await delegateOf(db, table).delete({ where: key });
    return true;
  } catch (error) {
    if (isPrismaError(error, NO_RECORD_MATCHED)) return false;
    throw error;
  }
}

/** Who owns the record with this id, or null when there is none. */
export async function ownerOfRow(db: FinanceQueries, table: OwnedTableName, id: number): Promise<number | null> {
  const row = await delegateOf(db, table).findUnique({ where: { id }, select: { userId: true } });
  return row?.userId ?? null;
}

/** Deletes every row of the user in all three tables; how many went from each. */
export async function deleteAllRowsOf(db: FinanceQueries, userId: number): Promise<Record<OwnedTableName, number>> {
  const where = { where: { userId } };
  const [income, expense, savingsGoal] = [
    await db.income.deleteMany(where),
    await db.expense.deleteMany(where),
    await db.savingsGoal.deleteMany(where),
  ];
  return { income: income.count, expense: expense.count, savingsGoal: savingsGoal.count };
}
