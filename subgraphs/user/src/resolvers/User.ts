import { DomainError, idArgument, type SubgraphContext } from '@ledgerline/service-runtime';
import { findUser } from '../accounts.js';
import type { UserDatabase } from '../db.js';
import type { User } from '../generated/prisma/client.js';

export function userResolvers(db: UserDatabase) {
  return {
    __resolveReference: (reference: { id: string }) => findUser(db, idArgument('id', reference.id)),
    email: (user: User, _args: unknown, context: SubgraphContext) => {
      if (context.userId !== user.id) throw new DomainError('FORBIDDEN', "You may only read your own email address");
      return user.email;
    },
  };
}
