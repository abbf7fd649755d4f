import { idArgument, requireUser } from '@ledgerline/service-runtime';
import { findUser } from '../accounts.js';
import type { UserDatabase } from '../db.js';
import type { QueryResolvers } from '../generated/graphql.js';

export function queryResolvers(db: UserDatabase): QueryResolvers {
  return {
    me: (_parent, _args, context) => findUser(db, requireUser(context)),
    user: (_parent, args, context) => {
      requireUser(context);
      return findUser(db, idArgument('id', args.id));
    },
  };
}
