import { idArgument, requireUser, type SubgraphContext } from '@ledgerline/service-runtime';
import { findUser } from '../accounts.js';
import type { UserDatabase } from '../db.js';

export function queryResolvers(db: UserDatabase) {
  return {
    me: (_parent: unknown, _args: unknown, context: SubgraphContext) => findUser(db, requireUser(context)),
    user: (_parent: unknown, args: { id: string }, context: SubgraphContext) => {
      requireUser(context);
      return findUser(db, idArgument('id', args.id));
    },
  };
}
