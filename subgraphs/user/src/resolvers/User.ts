import { DomainError, idArgument } from '@ledgerline/service-runtime';
import type { UserDatabase } from '../db.js';
import type { UserResolvers } from '../generated/graphql.js';
import { requestUsers } from '../requestUsers.js';

export function userResolvers(db: UserDatabase): UserResolvers {
  return {
    __resolveReference: (reference, context) => requestUsers(db, context).load(idArgument('id', reference.id)),
    email: (user, _args, context) => {
      if (context.userId !== user.id) throw new DomainError('FORBIDDEN', 'You may only read your own email address');
      return user.email;
    },
  };
}
