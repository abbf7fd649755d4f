// The reads of one GraphQL request, batched as DataLoader does: the list fields and summaries its
// resolvers ask for in the same tick (the gateway's `_entities` for several users, one user named
// twice) become one SQL statement (readStatement.ts), however many users and fields they are for.
import DataLoader from 'dataloader';
import { requestScoped, type SubgraphContext } from '@ledgerline/service-runtime';
import type { FinanceDatabase } from './db.js';
import type { ReadTotals } from './financialSummary.js';
import { pagesPart } from './ownedRecordPages.js';
import { ownedRecordsQuery, type ListFilter, type OwnedRecordKind } from './ownedRecords.js';
import type { OwnedRecordsQuery, OwnedTableLayout, OwnedTableName, RowOf } from './ownedRecordTables.js';
import type { Period } from './recordRules.js';
import { readInOneStatement, type ReadPart } from './readStatement.js';
import { totalsPart, type SummaryTotals } from './summaryTotals.js';

export interface RequestReads {
  /** A page of the user's records of this kind, its filter checked by the kind's rules. */
  records<Table extends OwnedTableName, Fields extends object>(
    kind: OwnedRecordKind<Table, Fields>,
    userId: number,
    filter: ListFilter<Fields>,
  ): Promise<RowOf<Table>[]>;
  totals: ReadTotals;
}

/** One read a resolver asks for: a page of one owner's records, or one owner's totals over a period. */
type Read =
  { read: 'page'; layout: OwnedTableLayout<OwnedTableName>; query: OwnedRecordsQuery } | { read: 'totals'; userId: number; period: Period };

/** A read with what the batch groups it by, worked out once when it is asked for. */
interface ReadKey {
  read: Read;
  owner: number;
  /** What it reads but for its owner: keys alike in this are answered by one part of the statement. */
  shape: string;
}

function keyOf(read: Read): ReadKey {
  if (read.read === 'totals') return { read, owner: read.userId, shape: JSON.stringify(['totals', read.period]) };
  const { userId: owner, ...page } = read.query;
  return { read, owner, shape: JSON.stringify([read.layout.table, page]) };
}

function partFor(sample: Read, owners: number[]): ReadPart<Map<number, unknown>> {
  if (sample.read === 'totals') return totalsPart(owners, sample.period);
  const { userId: _owner, ...page } = sample.query;
  return pagesPart(sample.layout, owners, page);
}

/** Every key of the batch answered from one statement, a part for each group of keys that differ only in their owner. */
async function readBatch(db: FinanceDatabase, keys: readonly ReadKey[]): Promise<unknown[]> {
  const groups = new Map<string, { sample: Read; owners: number[] }>();
  for (const { read, owner, shape } of keys) {
    const group = groups.get(shape);
    if (group === undefined) groups.set(shape, { sample: read, owners: [owner] });
    else if (!group.owners.includes(owner)) group.owners.push(owner);
  }
  const parts = [...groups.values()].map(({ sample, owners }) => partFor(sample, owners));
  const answers = await readInOneStatement(db, parts);
  const answerOf = new Map([...groups.keys()].map((shape, index) => [shape, answers[index]]));
  return keys.map(({ owner, shape }) => answerOf.get(shape)?.get(owner) ?? new Error(`nothing read for user ${owner}`));
}

function readsFor(db: FinanceDatabase): RequestReads {
  const reads = new DataLoader<ReadKey, unknown, string>((keys) => readBatch(db, keys), {
    cacheKeyFn: ({ owner, shape }) => `${owner}:${shape}`,
  });
  return {
    records: async (kind, userId, filter) => {
      const rows = await reads.load(keyOf({ read: 'page', layout: kind, query: ownedRecordsQuery(kind, userId, filter) }));
      // A page key's answer is the rows of its own kind (pagesPart).
      return rows as RowOf<(typeof kind)['table']>[];
    },
    totals: async (userId, period) => (await reads.load(keyOf({ read: 'totals', userId, period }))) as SummaryTotals,
  };
}

const readsOfRequest = requestScoped<RequestReads>();

/** This request's batched reads. */
export const requestReads = (db: FinanceDatabase, context: SubgraphContext): RequestReads => readsOfRequest(context, () => readsFor(db));
