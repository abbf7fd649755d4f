// The savings-group mutations. Each runs as the caller, whose token the User service has just
// said is live (the subgraph's admission asks afresh before every mutation). A write that adds
// the caller to a group asks once more after it, and on refusal takes the caller out of every
// group as an account erasure would (liveOwnerWrites.ts explains the race this closes).
import { idArgument, requireCaller, requireUser } from '@ledgerline/service-runtime';
import type { FinanceDatabase } from '../db.js';
import type { MutationResolvers } from '../generated/graphql.js';
import { contributeInTransaction } from '../groups/contributions.js';
import { eraseFromGroupsInTransaction } from '../groups/groupErasure.js';
import { createGroup, joinGroup, leaveGroup, revokeInviteCode } from '../groups/savingsGroups.js';
import type { EventAnnouncer } from '../groups/outboxRelay.js';
import { insertAsLiveOwner } from '../liveOwnerWrites.js';
import type { TokenChecks } from '@ledgerline/service-runtime';

type SavingsGroupMutations = Pick<
  MutationResolvers,
  'createSavingsGroup' | 'joinSavingsGroup' | 'leaveSavingsGroup' | 'revokeInviteCode' | 'contributeToGroup'
>;

export function savingsGroupMutations(db: FinanceDatabase, tokens: TokenChecks, relay: EventAnnouncer): SavingsGroupMutations {
  const takeOutOfGroups = async (userId: number) => {
    await db.$transaction((tx) => eraseFromGroupsInTransaction(tx, userId));
    relay.wake();
  };
  return {
    createSavingsGroup: (_, args, context) => {
      const caller = requireCaller(context);
      return insertAsLiveOwner(
        tokens,
        caller,
        () => createGroup(db, caller.userId, args),
        () => takeOutOfGroups(caller.userId),
      );
    },
    joinSavingsGroup: (_, { inviteCode }, context) => {
      const caller = requireCaller(context);
      return insertAsLiveOwner(
        tokens,
        caller,
        () => joinGroup(db, caller.userId, inviteCode),
        () => takeOutOfGroups(caller.userId),
      );
    },
    leaveSavingsGroup: async (_, { groupId }, context) => {
      const id = idArgument('groupId', groupId);
      await leaveGroup(db, id, requireUser(context));
      relay.wake();
      return id;
    },
    revokeInviteCode: (_, { groupId }, context) => revokeInviteCode(db, idArgument('groupId', groupId), requireUser(context)),
    contributeToGroup: (_, { groupId, amount, message }, context) => {
      const caller = requireCaller(context);
      const id = idArgument('groupId', groupId);
      return insertAsLiveOwner(
        tokens,
        caller,
        async () => {
          const contribution = await db.$transaction((tx) => contributeInTransaction(tx, id, caller.userId, { amount, message }));
          relay.wake();
          return contribution;
        },
        () => takeOutOfGroups(caller.userId),
      );
    },
  };
}
