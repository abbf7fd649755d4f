// The savings group the subscribers watch, made through the router as a client would: an owner and
// members registered, a group with a target no run of the benchmark reaches, and contributions to it.
import { registerAccounts, type BenchAccount } from '../support/benchAccounts.js';
import { graphqlCall } from '../support/graphqlCall.js';

export interface BenchGroup {
  id: string;
  /** The owner first, then the members who joined. */
  members: BenchAccount[];
}

export interface Contribution {
  sequence: number;
  message: string;
  createdAt: string;
}

/** A year ahead, as a Date ("YYYY-MM-DD"). */
const nextYear = (): string => new Date(Date.now() + 365 * 24 * 3_600_000).toISOString().slice(0, 10);

export async function setUpBenchGroup(graphqlUrl: string, memberCount: number): Promise<BenchGroup> {
  const members = await registerAccounts(graphqlUrl, memberCount + 1);
  const [owner, ...joiners] = members;
  if (owner === undefined) throw new Error('no owner registered');
  const { createSavingsGroup: group } = await graphqlCall<{ createSavingsGroup: { id: string; inviteCode: string } }>(
    graphqlUrl,
    'mutation Create($name: String!, $targetAmount: Money!, $deadline: Date!) { createSavingsGroup(name: $name, targetAmount: $targetAmount, deadline: $deadline) { id inviteCode } }',
    { name: `Fan-out bench ${owner.username}`, targetAmount: '999999999.00', deadline: nextYear() },
    owner.token,
  );
  await Promise.all(
    joiners.map((member) =>
      graphqlCall(
        graphqlUrl,
        'mutation Join($code: String!) { joinSavingsGroup(inviteCode: $code) { id } }',
        { code: group.inviteCode },
        member.token,
      ),
    ),
  );
  return { id: group.id, members };
}

export async function contribute(graphqlUrl: string, groupId: string, member: BenchAccount, message: string): Promise<Contribution> {
  const { contributeToGroup } = await graphqlCall<{ contributeToGroup: { sequence: number; createdAt: string } }>(
    graphqlUrl,
    'mutation Contribute($groupId: ID!, $amount: Money!, $message: String) { contributeToGroup(groupId: $groupId, amount: $amount, message: $message) { sequence createdAt } }',
    { groupId, amount: '1.00', message },
    member.token,
  );
  return { ...contributeToGroup, message };
}
