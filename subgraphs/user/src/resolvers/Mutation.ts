import { requireCaller, requireUser, type SubgraphContext } from '@ledgerline/service-runtime';
import { deleteAccount } from '../accountDeletion.js';
import type { AccountRevocationAnnouncer } from '../accountRevocations.js';
import {
  changePassword,
  logIn,
  logOut,
  registerAccount,
  signOutEverywhere,
  updateProfile,
  type Session,
  type TokenSettings,
} from '../accounts.js';
import type { UserDatabase } from '../db.js';
import type { RecordErasure } from '../financeErasure.js';
import type { MutationResolvers } from '../generated/graphql.js';

/**
 * Whoever just proved the password is that user for the rest of the operation, so the
 * payload's `user { email }` is theirs to read.
 */
function authPayload(session: Session, context: SubgraphContext) {
  context.userId = session.user.id;
  return { ...session, userId: session.user.id };
}

export function mutationResolvers(
  db: UserDatabase,
  tokens: TokenSettings,
  erasure: RecordErasure,
  revocations: AccountRevocationAnnouncer,
): MutationResolvers {
  return {
    register: async (_, args, context) => authPayload(await registerAccount(db, tokens, args), context),
    login: async (_, args, context) => authPayload(await logIn(db, tokens, args), context),
    // The caller is the user changed, so the answer's `email` is theirs to read.
    updateProfile: (_, args, context) => updateProfile(db, requireUser(context), args),
    signOutEverywhere: async (_, __, context) =>
      authPayload(await signOutEverywhere(db, tokens, revocations, requireUser(context)), context),
    logout: (_, __, context) => logOut(db, tokens, revocations, requireCaller(context)),
    changePassword: async (_, args, context) =>
      authPayload(await changePassword(db, tokens, revocations, requireUser(context), args), context),
    deleteAccount: async (_, { password }, context) => ({
      status: await deleteAccount(db, erasure, revocations, context.log, {
        userId: requireUser(context),
        password,
        deadline: context.deadline,
      }),
    }),
  };
}
