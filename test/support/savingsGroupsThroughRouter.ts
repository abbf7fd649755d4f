// Savings groups set up the way a member would, through the router's GraphQL: shared by the tests
// that watch a group live.
import type { InProcessRouter } from './routerInProcess.js';

/** A router to send GraphQL to: one built in-process, or a process of the e2e stack. */
type GraphQLVia = Pick<InProcessRouter, 'graphql'>;

export interface Member {
  token: string;
  userId: string;
  username: string;
  email: string;
  password: string;
}

/** The data of an answer that must have no errors. */
export async function callRouter(via: GraphQLVia, query: string, variables: Record<string, unknown>, token: string) {
  const answer = await via.graphql(query, variables, token);
  if (answer.errors) throw new Error(`GraphQL answered ${JSON.stringify(answer.errors)}`);
  return answer.data!;
}

/** A group of `owner` that `others` joined with its invite code. */
export async function groupOf(via: GraphQLVia, owner: Member, others: Member[], target = '100.00'): Promise<string> {
  const { createSavingsGroup } = await callRouter(
    via,
    'mutation($t: Money!) { createSavingsGroup(name: "Trip", targetAmount: $t, deadline: "2099-12-31") { id inviteCode } }',
    { t: target },
    owner.token,
  );
  await Promise.all(
    others.map((other) =>
      callRouter(
        via,
        'mutation($c: String!) { joinSavingsGroup(inviteCode: $c) { id } }',
        { c: createSavingsGroup.inviteCode },
        other.token,
      ),
    ),
  );
  return createSavingsGroup.id as string;
}

export const contributeThrough = (via: GraphQLVia, by: Member, groupId: string, amount: string, message: string | null = null) =>
  callRouter(
    via,
    'mutation($g: ID!, $a: Money!, $m: String) { contributeToGroup(groupId: $g, amount: $a, message: $m) { id sequence } }',
    { g: groupId, a: amount, m: message },
    by.token,
  );
