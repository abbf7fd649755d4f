// The accounts one GraphQL request reads, batched as DataLoader does: the caller's own, read once
// by the admission check (server.ts) and kept for `me`, and every User the gateway names in one
// `_entities` call, in one statement.
import DataLoader from 'dataloader';
import { requestScoped, type SubgraphContext } from '@ledgerline/service-runtime';
import type { UserDatabase } from './db.js';
import type { User } from './generated/prisma/client.js';
import { usersByIds } from './userTable.js';

export type RequestUsers = DataLoader<number, User | null>;

/** Every user asked for in one tick, read in one statement; an id with no account is null. */
const usersLoader = (db: UserDatabase): RequestUsers =>
  new DataLoader(async (ids) => {
    const found = new Map((await usersByIds(db, ids)).map((user) => [user.id, user]));
    return ids.map((id) => found.get(id) ?? null);
  });

const usersOfRequest = requestScoped<RequestUsers>();

/** This request's user loader. */
export const requestUsers = (db: UserDatabase, context: SubgraphContext): RequestUsers => usersOfRequest(context, () => usersLoader(db));
