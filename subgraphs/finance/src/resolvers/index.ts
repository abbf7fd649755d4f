import type { FinanceDatabase } from '../db.js';
import type { TokenChecks } from '../tokenChecks.js';
import type { Resolvers } from '../generated/graphql.js';
import { mutationResolvers } from './Mutation.js';
import { CalendarDate, Money } from './scalars.js';
import { userResolvers } from './User.js';

export function financeSubgraphResolvers(db: FinanceDatabase, tokens: TokenChecks): Resolvers {
  return {
    Money,
    Date: CalendarDate,
    User: userResolvers(db),
    Mutation: mutationResolvers(db, tokens),
  };
}
