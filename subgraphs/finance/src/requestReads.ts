// The reads of one GraphQL request, batched as DataLoader does: the list fields and summaries its
// resolvers ask for in the same tick (the gateway's `_entities` for several users, one user named
// twice) become one SQL statement (readStatement.ts), however many users and fields they are for.
import DataLoader from 'dataloader';
import type { SubgraphContext } from '@ledgerline/service-runtime';
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
type ReadKey =
  { read: 'page'; layout: OwnedTableLayout<OwnedTableName>; query: OwnedRecordsQuery } | { read: 'totals'; userId: number; period: Period };

const ownerOf = (key: ReadKey): number => (key.read === 'page' ? key.query.userId : key.userId);

/** What a key reads but for its owner: keys alike in this are answered by one part of the statement. */
function readOf(key: ReadKey): string {
  if (key.read === 'totals') return JSON.stringify(['totals', key.period]);
  const { userId: _owner, ...page } = key.query;
  return JSON.stringify([key.layout.table, page]);
}

function partFor(sample: ReadKey, owners: number[]): ReadPart<Map<number, unknown>> {
  if (sample.read === 'totals') return totalsPart(owners, sample.period);
  const { userId: _owner, ...page } = sample.query;
  return pagesPart(sample.layout, owners, page);
}

/** Every key of the batch answered from one statement, a part for each group of keys that differ only in their owner. */
async function readBatch(db: FinanceDatabase, keys: readonly ReadKey[]): Promise<unknown[]> {
  const groups = new Map<string, { sample: ReadKey; owners: number[] }>();
  for (const key of keys) {
    const group = groups.get(readOf(key));
    if (group === undefined) groups.set(readOf(key), { sample: key, owners: [ownerOf(key)] });
    else if (!group.owners.includes(ownerOf(key))) group.owners.push(ownerOf(key));
  }
  const parts = [...groups.values()].map(({ sample, owners }) => partFor(sample, owners));
  const answers = await readInOneStatement(db, parts);
  const answerOf = new Map([...groups.keys()].map((id, index) => [id, answers[index]]));
  return keys.map((key) => answerOf.get(readOf(key))?.get(ownerOf(key)) ?? new Error(`nothing read for user ${ownerOf(key)}`));
}

function readsFor(db: FinanceDatabase): RequestReads {
  const reads = new DataLoader<ReadKey, unknown, string>((keys) => readBatch(db, keys), {
    cacheKeyFn: (key) => `${ownerOf(key)}:${readOf(key)}`,
  });
  return {
    records: async (kind, userId, filter) => {
      const rows = await reads.load({ read: 'page', layout: kind, query: ownedRecordsQuery(kind, userId, filter) });
      // A page key's answer is the rows of its own kind (pagesPart).
      return rows as RowOf<(typeof kind)['table']>[];
    },
    totals: async (userId, period) => (await reads.load({ read: 'totals', userId, period })) as SummaryTotals,
  };
}

const readsByRequest = new WeakMap<SubgraphContext, RequestReads>();

/** This request's batched reads, made on first use and gone with the request. */
export function requestReads(db: FinanceDatabase, context: SubgraphContext): RequestReads {
  let reads = readsByRequest.get(context);
  if (reads === undefined) {
    reads = readsFor(db);
    readsByRequest.set(context, reads);
  }
  return reads;
}
