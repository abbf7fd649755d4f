import { idArgument, requireUser } from '@ledgerline/service-runtime';
import type { FinanceDatabase } from '../db.js';
import type { QueryResolvers } from '../generated/graphql.js';
import { eventsAfter } from '../groups/groupEvents.js';
import { groupOfMember } from '../groups/savingsGroups.js';

export function queryResolvers(db: FinanceDatabase): QueryResolvers {
  return {
    savingsGroup: (_, { id }, context) => groupOfMember(db, idArgument('id', id), requireUser(context)),
    savingsGroupEvents: async (_, { groupId, after, limit }, context) => {
      const group = await groupOfMember(db, idArgument('groupId', groupId), requireUser(context));
      return eventsAfter(db, group, after, limit ?? 100);
    },
  };
}
