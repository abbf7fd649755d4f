import type { AccountRevocationAnnouncer } from '../accountRevocations.js';
import type { TokenSettings } from '../accounts.js';
import type { UserDatabase } from '../db.js';
import type { RecordErasure } from '../financeErasure.js';
import type { Resolvers } from '../generated/graphql.js';
import { DateTime } from '@ledgerline/service-runtime';
import { mutationResolvers } from './Mutation.js';
import { queryResolvers } from './Query.js';
import { userResolvers } from './User.js';

export function userSubgraphResolvers(
  db: UserDatabase,
  tokens: TokenSettings,
  erasure: RecordErasure,
  revocations: AccountRevocationAnnouncer,
): Resolvers {
  return {
    DateTime,
    Query: queryResolvers(db),
    Mutation: mutationResolvers(db, tokens, erasure, revocations),
    User: userResolvers(db),
  };
}
