import type { SubgraphContext } from '@ledgerline/service-runtime';
import { logIn, registerAccount, type Session, type TokenSettings } from '../accounts.js';
import type { UserDatabase } from '../db.js';

/**
 * Whoever just proved the password is that user for the rest of the operation, so the
 * payload's `user { email }` is theirs to read.
 */
function authPayload(session: Session, context: SubgraphContext) {
  context.userId = session.user.id;
  return { ...session, userId: session.user.id };
}

export function mutationResolvers(db: UserDatabase, tokens: TokenSettings) {
  return {
    register: async (_: unknown, args: { username: string; email: string; password: string }, context: SubgraphContext) =>
      authPayload(await registerAccount(db, tokens, args), context),
    login: async (_: unknown, args: { email: string; password: string }, context: SubgraphContext) =>
      authPayload(await logIn(db, tokens, args), context),
  };
}
