// The savings group the subscribers watch, made through the router as a client would: an owner and
// members registered, a group with a target no run of the benchmark reaches, and contributions to it.
import { randomBytes } from 'node:crypto';

export interface BenchMember {
  userId: string;
  username: string;
  token: string;
}

export interface BenchGroup {
  id: string;
  /** The owner first, then the members who joined. */
  members: BenchMember[];
}

export interface Contribution {
  sequence: number;
  message: string;
  createdAt: string;
}

/** Registration hashes the password on purpose slowly; this many at once keeps the User service busy but not swamped. */
const REGISTRATIONS_AT_ONCE = 5;

async function graphqlCall<Data>(graphqlUrl: string, query: string, variables: Record<string, unknown>, token?: string): Promise<Data> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Data | null; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL call failed (${response.status}): ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function register(graphqlUrl: string, username: string): Promise<BenchMember> {
  const { register } = await graphqlCall<{ register: { token: string; userId: string } }>(
    graphqlUrl,
    'mutation Register($username: String!, $email: String!, $password: String!) { register(username: $username, email: $email, password: $password) { token userId } }',
    { username, email: `${username}@example.test`, password: `${username}-long-enough` },
  );
  return { userId: register.userId, username, token: register.token };
}

/** A year ahead, as a Date ("YYYY-MM-DD"). */
const nextYear = (): string => new Date(Date.now() + 365 * 24 * 3_600_000).toISOString().slice(0, 10);

export async function setUpBenchGroup(graphqlUrl: string, memberCount: number): Promise<BenchGroup> {
  const run = randomBytes(3).toString('hex');
  const members: BenchMember[] = [];
  for (let first = 0; first <= memberCount; first += REGISTRATIONS_AT_ONCE) {
    const batch = Array.from({ length: Math.min(REGISTRATIONS_AT_ONCE, memberCount + 1 - first) }, (_, offset) => first + offset);
    members.push(...(await Promise.all(batch.map((index) => register(graphqlUrl, `bench_${run}_${index}`)))));
  }
  const [owner, ...joiners] = members;
  if (owner === undefined) throw new Error('no owner registered');
  const { createSavingsGroup: group } = await graphqlCall<{ createSavingsGroup: { id: string; inviteCode: string } }>(
    graphqlUrl,
    'mutation Create($name: String!, $targetAmount: Money!, $deadline: Date!) { createSavingsGroup(name: $name, targetAmount: $targetAmount, deadline: $deadline) { id inviteCode } }',
    { name: `Fan-out bench ${run}`, targetAmount: '999999999.00', deadline: nextYear() },
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

export async function contribute(graphqlUrl: string, groupId: string, member: BenchMember, message: string): Promise<Contribution> {
  const { contributeToGroup } = await graphqlCall<{ contributeToGroup: { sequence: number; createdAt: string } }>(
    graphqlUrl,
    'mutation Contribute($groupId: ID!, $amount: Money!, $message: String) { contributeToGroup(groupId: $groupId, amount: $amount, message: $message) { sequence createdAt } }',
    { groupId, amount: '1.00', message },
    member.token,
  );
  return { ...contributeToGroup, message };
}
