// Pages of the owned records (incomes, expenses, savings goals) of several owners in one SQL
// statement, each owner's page its own: the read behind every list field, which requestReads.ts
// batches per request. Raw SQL on the pool, since Prisma's query layer cost more than the query.
import pg from 'pg';
import { formatCalendarDate } from './calendarDate.js';
import type { FinanceDatabase } from './db.js';
import { Money } from './money.js';
import type { OwnedRecordsQuery, OwnedTableLayout, OwnedTableName, RowOf } from './ownedRecordTables.js';
import type { Period } from './recordRules.js';

/** Each table's name and its columns by the field names Prisma gives them. */
const TABLES: Record<OwnedTableName, { name: string; columns: Record<string, string> }> = {
  income: {
    name: 'incomes',
    columns: { id: 'id', userId: 'user_id', amount: 'amount', source: 'source', date: 'date', createdAt: 'created_at' },
  },
  expense: {
    name: 'expenses',
    columns: { id: 'id', userId: 'user_id', amount: 'amount', category: 'category', date: 'date', createdAt: 'created_at' },
  },
  savingsGoal: {
    name: 'savings_goals',
    columns: { id: 'id', userId: 'user_id', goal: 'goal', targetDate: 'target_date', createdAt: 'created_at' },
  },
};

const NUMERIC = 1700;
const DATE = 1082;

const parseAsPgDoes = pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => (value: string) => unknown;

/** Rows as Prisma reads them: numeric as exact Money, date as the UTC midnight of that day (calendarDate.ts). */
export const financeTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === NUMERIC) return (text: string) => new Money(text);
    if (oid === DATE) return (text: string) => new Date(`${text}T00:00:00.000Z`);
    return parseAsPgDoes(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export const tableOf = (db: FinanceDatabase, table: string): string => `${pg.escapeIdentifier(db.schema)}.${pg.escapeIdentifier(table)}`;

/** The SQL conditions that keep `column` within the period, bounds included, their values added to `values`. */
export function periodConditions(column: string, period: Period, values: unknown[]): string[] {
  const conditions: string[] = [];
  if (period.from) conditions.push(`${column} >= $${values.push(formatCalendarDate(period.from))}::date`);
  if (period.to) conditions.push(`${column} <= $${values.push(formatCalendarDate(period.to))}::date`);
  return conditions;
}

export type PageQuery = Omit<OwnedRecordsQuery, 'userId'>;

/** Each owner's page of records of this kind, in the kind's order (date, then id); an owner with none gets []. */
export async function ownedRecordPages<Table extends OwnedTableName>(
  db: FinanceDatabase,
  layout: OwnedTableLayout<Table>,
  owners: readonly number[],
  query: PageQuery,
): Promise<Map<number, RowOf<Table>[]>> {
  const { name, columns } = TABLES[layout.table];
  const order = layout.order === 'asc' ? 'ASC' : 'DESC';
  const values: unknown[] = [owners];
  const conditions = ['r.user_id = owner.id', ...periodConditions(`r.${columns[layout.dateColumn]}`, query, values)];
  for (const [field, value] of Object.entries(query.match)) {
    const column = columns[field];
    if (column === undefined) throw new Error(`${layout.table} has no field ${field} to match`);
    conditions.push(`r.${column} = $${values.push(value)}`);
  }
  const selected = Object.entries(columns).map(([field, column]) => `page.${column} AS "${field}"`);
  const sql = `SELECT ${selected.join(', ')} FROM unnest($1::int[]) AS owner(id) CROSS JOIN LATERAL (
    SELECT r.* FROM ${tableOf(db, name)} r WHERE ${conditions.join(' AND ')}
    ORDER BY r.${columns[layout.dateColumn]} ${order}, r.id ${order} LIMIT $${values.push(query.limit)} OFFSET $${values.push(query.offset)}
  ) AS page`;
  const { rows } = await db.pool.query<RowOf<Table>>({ text: sql, values, types: financeTypes });
  const pages = new Map<number, RowOf<Table>[]>(owners.map((owner) => [owner, []]));
  for (const row of rows) pages.get(row.userId)?.push(row);
  return pages;
}

/** One owner's page. */
export async function findOwnedRows<Table extends OwnedTableName>(
  db: FinanceDatabase,
  layout: OwnedTableLayout<Table>,
  { userId, ...query }: OwnedRecordsQuery,
): Promise<RowOf<Table>[]> {
  return (await ownedRecordPages(db, layout, [userId], query)).get(userId) ?? [];
}
