import { DomainError, idArgument } from '@ledgerline/service-runtime';
import { findUser } from '../accounts.js';
import type { UserDatabase } from '../db.js';
import type { UserResolvers } from '../generated/graphql.js';

export function userResolvers(db: UserDatabase): UserResolvers {
  return {
    __resolveReference: (reference) => findUser(db, idArgument('id', reference.id)),
    email: (user, _args, context) => {
      if (context.userId !== user.id) throw new DomainError('FORBIDDEN', 'You may only read your own email address');
      return user.email;
    },
  };
}
