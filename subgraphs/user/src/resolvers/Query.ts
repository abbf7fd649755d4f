import { idArgument, requireUser } from '@ledgerline/service-runtime';
import type { UserDatabase } from '../db.js';
import type { QueryResolvers } from '../generated/graphql.js';
import { requestUsers } from '../requestUsers.js';

export function queryResolvers(db: UserDatabase): QueryResolvers {
  return {
    me: (_parent, _args, context) => requestUsers(db, context).load(requireUser(context)),
    user: (_parent, args, context) => {
      requireUser(context);
      return requestUsers(db, context).load(idArgument('id', args.id));
    },
  };
}
