// The reads of one GraphQL request, batched as DataLoader does: the list fields and summaries its
// resolvers ask for in the same tick (the gateway's `_entities` for several users, one user named
// twice) become one SQL statement per kind of read, however many users they are for.
import DataLoader from 'dataloader';
import type { SubgraphContext } from '@ledgerline/service-runtime';
import type { FinanceDatabase } from './db.js';
import type { ReadTotals } from './financialSummary.js';
import { ownedRecordPages, type PageQuery } from './ownedRecordPages.js';
import { ownedRecordsQuery, type ListFilter, type OwnedRecordKind } from './ownedRecords.js';
import type { OwnedRecordsQuery, OwnedTableLayout, OwnedTableName, RowOf } from './ownedRecordTables.js';
import type { Period } from './recordRules.js';
import { summaryTotalsOf, type SummaryTotals } from './summaryTotals.js';

export interface RequestReads {
  /** A page of the user's records of this kind, its filter checked by the kind's rules. */
  records<Table extends OwnedTableName, Fields extends object>(
    kind: OwnedRecordKind<Table, Fields>,
    userId: number,
    filter: ListFilter<Fields>,
  ): Promise<RowOf<Table>[]>;
  totals: ReadTotals;
}

interface PageKey {
  layout: OwnedTableLayout<OwnedTableName>;
  query: OwnedRecordsQuery;
}

/**
 * Answers a batch of keys with one read per group of keys that differ only in their owner:
 * `readOf` names what a key reads but for the owner, `read` answers a group for all its owners.
 */
async function readInGroups<Key, Answer>(
  keys: readonly Key[],
  ownerOf: (key: Key) => number,
  readOf: (key: Key) => string,
  read: (sample: Key, owners: number[]) => Promise<Map<number, Answer>>,
): Promise<(Answer | Error)[]> {
  const groups = new Map<string, { sample: Key; owners: number[] }>();
  for (const key of keys) {
    const group = groups.get(readOf(key));
    if (group === undefined) groups.set(readOf(key), { sample: key, owners: [ownerOf(key)] });
    else group.owners.push(ownerOf(key));
  }
  const answers = new Map(
    await Promise.all([...groups].map(async ([id, { sample, owners }]) => [id, await read(sample, owners)] as const)),
  );
  return keys.map((key) => answers.get(readOf(key))?.get(ownerOf(key)) ?? new Error(`nothing read for user ${ownerOf(key)}`));
}

const pageOf = ({ query: { userId: _owner, ...rest } }: PageKey): PageQuery => rest;

function readsFor(db: FinanceDatabase): RequestReads {
  const pages = new DataLoader<PageKey, RowOf<OwnedTableName>[], string>(
    (keys) =>
      readInGroups(
        keys,
        (key) => key.query.userId,
        (key) => JSON.stringify([key.layout.table, pageOf(key)]),
        (sample, owners) => ownedRecordPages(db, sample.layout, owners, pageOf(sample)),
      ),
    { cacheKeyFn: (key) => JSON.stringify([key.layout.table, key.query]) },
  );
  const totals = new DataLoader<{ userId: number; period: Period }, SummaryTotals, string>(
    (keys) =>
      readInGroups(
        keys,
        (key) => key.userId,
        (key) => JSON.stringify(key.period),
        (sample, owners) => summaryTotalsOf(db, owners, sample.period),
      ),
    { cacheKeyFn: (key) => JSON.stringify(key) },
  );
  return {
    records: async (kind, userId, filter) => {
      const key: PageKey = { layout: kind, query: ownedRecordsQuery(kind, userId, filter) };
      // The loader holds rows of every table; this key's rows are of the kind asked for.
      return (await pages.load(key)) as RowOf<(typeof kind)['table']>[];
    },
    totals: (userId, period) => totals.load({ userId, period }),
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
