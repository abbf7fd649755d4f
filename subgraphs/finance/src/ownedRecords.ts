// What adding, changing, deleting and listing a user's own records have in common. A kind of
// record (incomes.ts, expenses.ts, savingsGoals.ts) names its table and the rule of each field.
import type { FinanceDatabase, FinanceQueries } from './db.js';
import { pagesPart } from './ownedRecordPages.js';
import { readInOneStatement } from './readStatement.js';
import {
  deleteOwnedRow,
  insertOwnedRecord,
  ownerOfRow,
  updateOwnedRow,
  type OwnedRecordsQuery,
  type OwnedTableLayout,
  type OwnedTableName,
  type RowOf,
} from './ownedRecordTables.js';
import { refusedChange } from './ownership.js';
import { pageFrom, periodFrom, type FieldRule } from './recordRules.js';

export interface OwnedRecordKind<Table extends OwnedTableName, Fields extends object> extends OwnedTableLayout<Table> {
  /** How messages name one record: "No savings goal with this id". */
  recordName: string;
  fields: { [Field in keyof Fields]: FieldRule<Fields[Field]> };
}

/** Input as it arrives, each field still to be checked by its rule. */
export type RawFields<Fields> = { [Field in keyof Fields]: unknown };
/** Changes as they arrive: an absent or null field keeps its value. */
export type RawChanges<Fields> = { [Field in keyof Fields]?: unknown };

export interface ListFilter<Fields> {
  from?: unknown;
  to?: unknown;
  limit?: number | null;
  offset?: number | null;
  /** Only records whose field equals this value (checked by the field's rule); null or absent matches all. */
  match?: RawChanges<Fields>;
}

/**
 * Each field checked by its rule. An absent or null field is left out when `absent` is 'skip',
 * and given to its rule, which refuses it, when every field is required.
 */
function checkedFields<Fields extends object>(
  kind: OwnedRecordKind<OwnedTableName, Fields>,
  raw: RawChanges<Fields>,
  absent: 'skip' | 'refuse',
): Partial<Fields> {
  const checked: Partial<Fields> = {};
  for (const field of Object.keys(kind.fields) as (keyof Fields & string)[]) {
    const value = raw[field];
    if (value != null || absent === 'refuse') checked[field] = kind.fields[field](field, value);
  }
  return checked;
}

export async function addOwnedRecord<Table extends OwnedTableName, Fields extends object>(
  db: FinanceQueries,
  kind: OwnedRecordKind<Table, Fields>,
  userId: number,
  input: RawFields<Fields>,
): Promise<RowOf<Table>> {
  return insertOwnedRecord(db, kind.table, { ...checkedFields(kind, input, 'refuse'), userId });
}

/** Changes the caller's record in one statement filtered on id and owner, so ownership cannot change in between. */
export async function updateOwnedRecord<Table extends OwnedTableName, Fields extends object>(
  db: FinanceQueries,
  kind: OwnedRecordKind<Table, Fields>,
  userId: number,
  id: number,
  changes: RawChanges<Fields>,
): Promise<RowOf<Table>> {
  const data = checkedFields(kind, changes, 'skip');
  const updated = await updateOwnedRow(db, kind.table, { id, userId }, data);
  if (updated !== null) return updated;
  throw refusedChange(kind.recordName, await ownerOfRow(db, kind.table, id), userId);
}

/** Deletes the caller's record; returns its id. */
export async function deleteOwnedRecord(
  db: FinanceQueries,
  kind: OwnedRecordKind<OwnedTableName, object>,
  userId: number,
  id: number,
): Promise<number> {
  if (await deleteOwnedRow(db, kind.table, { id, userId })) return id;
  throw refusedChange(kind.recordName, await ownerOfRow(db, kind.table, id), userId);
}

/** The page of the user's records a list asks for, its filter checked by the kind's rules. */
export function ownedRecordsQuery<Fields extends object>(
  kind: OwnedRecordKind<OwnedTableName, Fields>,
  userId: number,
  filter: ListFilter<Fields>,
): OwnedRecordsQuery {
  const { from, to } = periodFrom(filter);
  const match = checkedFields(kind, filter.match ?? {}, 'skip');
  return { userId, from, to, match, ...pageFrom(filter) };
}

/** A page of the user's records of this kind, in the kind's order, within a period of its date column. */
export async function listOwnedRecords<Table extends OwnedTableName, Fields extends object>(
  db: FinanceDatabase,
  kind: OwnedRecordKind<Table, Fields>,
  userId: number,
  filter: ListFilter<Fields>,
): Promise<RowOf<Table>[]> {
  const { userId: _owner, ...page } = ownedRecordsQuery(kind, userId, filter);
  const [pages] = await readInOneStatement(db, [pagesPart(kind, [userId], page)]);
  return pages?.get(userId) ?? [];
}
