// Pages of the owned records (incomes, expenses, savings goals) of several owners, each owner's
// page its own (a LATERAL page per owner): the read behind every list field, a part of the one
// statement of a request (readStatement.ts). Raw SQL, since Prisma's query layer cost more than the query.
import type { Expense, Income, SavingsGoal } from './generated/prisma/client.js';
import type { OwnedRecordsQuery, OwnedTableLayout, OwnedTableName, RowOf } from './ownedRecordTables.js';
import { periodConditions, readColumns, tableOf, type ReadPart, type ReadRow } from './readStatement.js';

/** Each table's name, its columns by field name, and how its rows come back in a part's shape. */
interface TableShape<Row> {
  name: string;
  columns: Record<string, string>;
  /** The columns that go in a part's amount, label and date. */
  amount: string;
  label: string | null;
  row(read: ReadRow): Row;
}

// A part's rows always fill these for a page: only a total's rows leave them null.
const fields = (read: ReadRow) => ({
  id: read.id!,
  userId: read.userId,
  createdAt: read.createdAt!,
  amount: read.amount!,
  date: read.date!,
});

const TABLES: { [Table in OwnedTableName]: TableShape<RowOf<Table>> } = {
  income: {
    name: 'incomes',
    columns: { id: 'id', userId: 'user_id', amount: 'amount', source: 'source', date: 'date', createdAt: 'created_at' },
    amount: 'amount',
    label: 'source',
    row: (read): Income => ({ ...fields(read), source: read.label ?? '' }),
  },
  expense: {
    name: 'expenses',
    columns: { id: 'id', userId: 'user_id', amount: 'amount', category: 'category', date: 'date', createdAt: 'created_at' },
    amount: 'amount',
    label: 'category',
    row: (read): Expense => ({ ...fields(read), category: read.label ?? '' }),
  },
  savingsGoal: {
    name: 'savings_goals',
    columns: { id: 'id', userId: 'user_id', goal: 'goal', targetDate: 'target_date', createdAt: 'created_at' },
    amount: 'goal',
    label: null,
    row: (read): SavingsGoal => {
      const { amount, date, ...rest } = fields(read);
      return { ...rest, goal: amount, targetDate: date };
    },
  },
};

export type PageQuery = Omit<OwnedRecordsQuery, 'userId'>;

/** The read of each owner's page of records of this kind, in the kind's order (date, then id); an owner with none gets []. */
export function pagesPart<Table extends OwnedTableName>(
  layout: OwnedTableLayout<Table>,
  owners: readonly number[],
  query: PageQuery,
): ReadPart<Map<number, RowOf<Table>[]>> {
  const table = TABLES[layout.table] as TableShape<RowOf<Table>>;
  const dateColumn = table.columns[layout.dateColumn] ?? 'date';
  const order = layout.order === 'asc' ? 'ASC' : 'DESC';
  return {
    select(db, part, values) {
      const conditions = [`r.user_id = owner.id`, ...periodConditions(`r.${dateColumn}`, query, values)];
      for (const [field, value] of Object.entries(query.match)) {
        const column = table.columns[field];
        if (column === undefined) throw new Error(`${layout.table} has no field ${field} to match`);
        conditions.push(`r.${column} = $${values.push(value)}`);
      }
      const owned = `$${values.push(owners)}::int[]`;
      const columns = readColumns(part, {
        userId: 'page.user_id',
        id: 'page.id',
        amount: `page.${table.amount}`,
        ...(table.label === null ? {} : { label: `page.${table.label}` }),
        date: `page.${dateColumn}`,
        createdAt: 'page.created_at',
        position: 'page.position',
      });
      const ordered = `r.${dateColumn} ${order}, r.id ${order}`;
      return `SELECT ${columns} FROM unnest(${owned}) AS owner(id) CROSS JOIN LATERAL (
        SELECT r.*, row_number() OVER (ORDER BY ${ordered}) AS position FROM ${tableOf(db, table.name)} r
        WHERE ${conditions.join(' AND ')} ORDER BY ${ordered} LIMIT $${values.push(query.limit)} OFFSET $${values.push(query.offset)}
      ) AS page`;
    },
    answer(rows) {
      const pages = new Map<number, RowOf<Table>[]>(owners.map((owner) => [owner, []]));
      for (const row of rows) pages.get(row.userId)?.push(table.row(row));
      return pages;
    },
  };
}
