// Savings groups and their members: creating, joining by invite code, leaving, revoking the
// code, and who may see a group (its members, and nobody else).
import { activeTraceParent, DomainError, isPrismaError } from '@ledgerline/service-runtime';
import type { FinanceDatabase, FinanceQueries } from '../db.js';
import type { SavingsGroup, SavingsGroupMember } from '../generated/prisma/client.js';
import { deadline, groupName, inviteCodeToLookUp, newInviteCode, targetAmount } from './groupRules.js';

const NO_RECORD_MATCHED = 'P2025';

export const notAMember = (): DomainError => new DomainError('FORBIDDEN', 'Only members of this savings group may see it or take part');
const noSuchGroup = (): DomainError => new DomainError('NOT_FOUND', 'No savings group with this id');

/**
 * The group's row, locked until the transaction ends. Every change to a group's members, owner
 * or total takes this lock first, so contributions are numbered without gaps and a group's last
 * two members cannot both leave it believing the other stays. (Prisma has no SELECT ... FOR
 * UPDATE; an UPDATE that changes nothing takes the same lock.)
 */
export async function lockGroup(tx: FinanceQueries, groupId: number): Promise<SavingsGroup> {
  try {
    return await tx.savingsGroup.update({ where: { id: groupId }, data: { lastSequence: { increment: 0 } } });
  } catch (error) {
    if (isPrismaError(error, NO_RECORD_MATCHED)) throw noSuchGroup();
    throw error;
  }
}

export async function isMember(db: FinanceQueries, groupId: number, userId: number): Promise<boolean> {
  const membership = await db.savingsGroupMember.findUnique({ where: { groupId_userId: { groupId, userId } }, select: { userId: true } });
  return membership !== null;
}

/** The group, when the caller is one of its members: NOT_FOUND for no such group, FORBIDDEN for a non-member. */
export async function groupOfMember(db: FinanceQueries, groupId: number, userId: number): Promise<SavingsGroup> {
  // One query: every subscription read comes through here, once per event and subscriber.
  const found = await db.savingsGroup.findUnique({
    where: { id: groupId },
    include: { members: { where: { userId }, select: { userId: true } } },
  });
  if (found === null) throw noSuchGroup();
  const { members, ...group } = found;
  if (members.length === 0) throw notAMember();
  return group;
}

export interface NewGroup {
  name: unknown;
  targetAmount: unknown;
  deadline: unknown;
}

/** A new group, with its creator as owner and first member. */
export async function createGroup(db: FinanceQueries, ownerId: number, input: NewGroup): Promise<SavingsGroup> {
  const data = {
    name: groupName('name', input.name),
    targetAmount: targetAmount('targetAmount', input.targetAmount),
    deadline: deadline('deadline', input.deadline),
  };
  return db.savingsGroup.create({
    data: { ...data, ownerId, inviteCode: newInviteCode(), members: { create: { userId: ownerId } } },
  });
}

/** Joins the group of this invite code; a member joining again changes nothing. */
export async function joinGroup(db: FinanceQueries, userId: number, inviteCode: unknown): Promise<SavingsGroup> {
  const code = inviteCodeToLookUp('inviteCode', inviteCode);
  const group = code === null ? null : await db.savingsGroup.findUnique({ where: { inviteCode: code } });
  if (group === null) throw new DomainError('NOT_FOUND', 'No savings group has this invite code; it may have been revoked');
  await db.savingsGroupMember.createMany({ data: [{ groupId: group.id, userId }], skipDuplicates: true });
  return group;
}

/** The owner's way to stop an invite code that went too far: a new code replaces it. */
export async function revokeInviteCode(db: FinanceQueries, groupId: number, userId: number): Promise<SavingsGroup> {
  const group = await groupOfMember(db, groupId, userId);
  if (group.ownerId !== userId) throw new DomainError('FORBIDDEN', 'Only the owner of this savings group may revoke its invite code');
  return db.savingsGroup.update({ where: { id: groupId }, data: { inviteCode: newInviteCode() } });
}

export type Departure = 'left' | 'group_deleted';

/**
 * Takes the member out of the group, inside the caller's transaction. Their contributions stay.
 * The longest-standing remaining member becomes owner when the owner leaves; the last member
 * leaving deletes the group. A 'member_left' notice goes into the outbox, so routers end the
 * member's subscriptions at once.
 */
export async function leaveGroupInTransaction(tx: FinanceQueries, groupId: number, userId: number): Promise<Departure> {
  const group = await lockGroup(tx, groupId);
  const { count } = await tx.savingsGroupMember.deleteMany({ where: { groupId, userId } });
  if (count === 0) throw notAMember();
  const successor = await tx.savingsGroupMember.findFirst({ where: { groupId }, orderBy: [{ joinedAt: 'asc' }, { userId: 'asc' }] });
  if (successor === null) {
    await tx.savingsGroup.delete({ where: { id: groupId } });
    return 'group_deleted';
  }
  if (group.ownerId === userId) await tx.savingsGroup.update({ where: { id: groupId }, data: { ownerId: successor.userId } });
  await tx.groupEvent.create({ data: { groupId, kind: 'member_left', userId, traceParent: activeTraceParent() } });
  return 'left';
}

export function leaveGroup(db: FinanceDatabase, groupId: number, userId: number): Promise<Departure> {
  return db.$transaction((tx) => leaveGroupInTransaction(tx, groupId, userId));
}

/** The user's groups, newest first. */
export function groupsOf(db: FinanceQueries, userId: number): Promise<SavingsGroup[]> {
  return db.savingsGroup.findMany({ where: { members: { some: { userId } } }, orderBy: { id: 'desc' } });
}

/** The members, longest-standing first. */
export function membersOf(db: FinanceQueries, groupId: number): Promise<SavingsGroupMember[]> {
  return db.savingsGroupMember.findMany({ where: { groupId }, orderBy: [{ joinedAt: 'asc' }, { userId: 'asc' }] });
}
