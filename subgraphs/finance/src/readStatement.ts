// The one SQL statement a request's reads become (requestReads.ts): each read (a page of records
// for some owners, their summary totals) is a part of a UNION ALL, its rows in one shape of columns
// and tagged with the part's number, so a dashboard costs one round trip to PostgreSQL.
import pg from 'pg';
import { formatCalendarDate } from './calendarDate.js';
import type { FinanceDatabase } from './db.js';
import { Money } from './money.js';
import type { Period } from './recordRules.js';

/** Every part's rows, whatever it reads; a part leaves the columns it has no use for null. */
export interface ReadRow {
  part: number;
  userId: number;
  id: number | null;
  amount: Money | null;
  label: string | null;
  date: Date | null;
  createdAt: Date | null;
}

/** One read of the statement: `select` writes its SELECT, tagged with `part`, its values added to `values`. */
export interface ReadPart<Answer> {
  select(db: FinanceDatabase, part: number, values: unknown[]): string;
  answer(rows: ReadRow[]): Answer;
}

/** The columns every part selects, in this order and of these types. */
export const readColumns = (
  part: number,
  columns: { userId: string; id?: string; amount?: string; label?: string; date?: string; createdAt?: string; position?: string },
): string =>
  [
    `${part} AS part`,
    `${columns.userId} AS "userId"`,
    `${columns.id ?? 'NULL::int'} AS id`,
    `${columns.amount ?? 'NULL::numeric'} AS amount`,
    `${columns.label ?? 'NULL::text'} AS label`,
    `${columns.date ?? 'NULL::date'} AS date`,
    `${columns.createdAt ?? 'NULL::timestamptz'} AS "createdAt"`,
    `${columns.position ?? 'NULL::bigint'} AS position`,
  ].join(', ');

const NUMERIC = 1700;
const DATE = 1082;
const parseAsPgDoes = pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => (value: string) => unknown;

/** Rows as Prisma reads them: numeric as exact Money, date as the UTC midnight of that day (calendarDate.ts). */
const financeTypes: pg.CustomTypesConfig = {
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

/** Every part's answer, in the order of the parts, from one statement. */
export async function readInOneStatement<Answer>(db: FinanceDatabase, parts: readonly ReadPart<Answer>[]): Promise<Answer[]> {
  const values: unknown[] = [];
  const selects = parts.map((part, index) => part.select(db, index, values));
  const { rows } = await db.pool.query<ReadRow>({
    text: `${selects.join('\nUNION ALL\n')}\nORDER BY part, position`,
    values,
    types: financeTypes,
  });
  const rowsOfPart: ReadRow[][] = parts.map(() => []);
  for (const row of rows) rowsOfPart[row.part]?.push(row);
  return parts.map((part, index) => part.answer(rowsOfPart[index] ?? []));
}
