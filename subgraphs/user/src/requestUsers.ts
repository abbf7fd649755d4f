// The accounts one GraphQL request reads, batched as DataLoader does: the caller's own, read once
// by the admission check (server.ts) and kept for `me`, and every User the gateway names in one
// `_entities` call, in one statement.
import DataLoader from 'dataloader';
import type { SubgraphContext } from '@ledgerline/service-runtime';
import type { UserDatabase } from './db.js';
import type { User } from './generated/prisma/client.js';
import { usersByIds } from './userTable.js';

export type RequestUsers = DataLoader<number, User | null>;

const usersByRequest = new WeakMap<SubgraphContext, RequestUsers>();

/** This request's user loader, made on first use and gone with the request. */
export function requestUsers(db: UserDatabase, context: SubgraphContext): RequestUsers {
  let users = usersByRequest.get(context);
  if (users === undefined) {
    users = new DataLoader(async (ids) => {
      const found = new Map((await usersByIds(db, ids)).map((user) => [user.id, user]));
      return ids.map((id) => found.get(id) ?? null);
    });
    usersByRequest.set(context, users);
  }
  return users;
}
