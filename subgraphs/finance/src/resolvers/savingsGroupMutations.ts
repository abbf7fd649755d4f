// The savings-group mutations. Each runs as the caller, whose token the User service has just
// said is live (the subgraph's admission asks afresh before every mutation). A write that adds
// the caller to a group asks once more after it, and on refusal takes the caller out of every
// group as an account erasure would (liveOwnerWrites.ts explains the race this closes).
import { idArgument, requireCaller, requireUser, type SubgraphContext } from '@ledgerline/service-runtime';
import type { MutationResolvers } from '../generated/graphql.js';
import { contributeInTransaction } from '../groups/contributions.js';
import { eraseFromGroupsInTransaction } from '../groups/groupErasure.js';
import { createGroup, joinGroup, leaveGroupInTransaction, revokeInviteCode } from '../groups/savingsGroups.js';
import { forgetKeyIn } from '../idempotentWrites.js';
import { insertAsLiveOwner } from '../liveOwnerWrites.js';
import type { MutationDependencies } from './Mutation.js';

type SavingsGroupMutations = Pick<
  MutationResolvers,
  'createSavingsGroup' | 'joinSavingsGroup' | 'leaveSavingsGroup' | 'revokeInviteCode' | 'contributeToGroup'
>;

export function savingsGroupMutations({ db, tokens, runWrite, relay }: MutationDependencies): SavingsGroupMutations {
  const takeOutOfGroups = async (context: SubgraphContext) => {
    await db.$transaction(async (tx) => {
      await eraseFromGroupsInTransaction(tx, requireUser(context));
      await forgetKeyIn(tx, context);
    });
    relay.wake();
  };
  return {
    createSavingsGroup: (_, args, context) => {
      const caller = requireCaller(context);
      return insertAsLiveOwner(
        tokens,
        caller,
        () => runWrite(context, { mutation: 'createSavingsGroup', args }, (tx) => createGroup(tx, caller.userId, args)),
        () => takeOutOfGroups(context),
      );
    },
    joinSavingsGroup: (_, args, context) => {
      const caller = requireCaller(context);
      return insertAsLiveOwner(
        tokens,
        caller,
        () => runWrite(context, { mutation: 'joinSavingsGroup', args }, (tx) => joinGroup(tx, caller.userId, args.inviteCode)),
        () => takeOutOfGroups(context),
      );
    },
    leaveSavingsGroup: async (_, args, context) => {
      const id = idArgument('groupId', args.groupId);
      const userId = requireUser(context);
      await runWrite(context, { mutation: 'leaveSavingsGroup', args }, (tx) => leaveGroupInTransaction(tx, id, userId));
      relay.wake();
      return id;
    },
    revokeInviteCode: (_, args, context) => {
      const userId = requireUser(context);
      return runWrite(context, { mutation: 'revokeInviteCode', args }, (tx) =>
        revokeInviteCode(tx, idArgument('groupId', args.groupId), userId),
      );
    },
    contributeToGroup: (_, args, context) => {
      const caller = requireCaller(context);
      const id = idArgument('groupId', args.groupId);
      return insertAsLiveOwner(
        tokens,
        caller,
        async () => {
          const contribution = await runWrite(context, { mutation: 'contributeToGroup', args }, (tx) =>
            contributeInTransaction(tx, id, caller.userId, args),
          );
          relay.wake();
          return contribution;
        },
        () => takeOutOfGroups(context),
      );
    },
  };
}
