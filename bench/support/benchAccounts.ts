// Accounts registered through the router, as a client would, each with a name of the run's own.
import { randomBytes } from 'node:crypto';
import { atMostAtOnce } from './atMostAtOnce.js';
import { graphqlCall } from './graphqlCall.js';

export interface BenchAccount {
  userId: string;
  username: string;
  token: string;
}

/** Registration hashes the password on purpose slowly; this many at once keeps the User service busy but not swamped. */
const REGISTRATIONS_AT_ONCE = 5;

async function register(graphqlUrl: string, username: string): Promise<BenchAccount> {
  const { register } = await graphqlCall<{ register: { token: string; userId: string } }>(
    graphqlUrl,
    'mutation Register($username: String!, $email: String!, $password: String!) { register(username: $username, email: $email, password: $password) { token userId } }',
    { username, email: `${username}@example.test`, password: `${username}-long-enough` },
  );
  return { userId: register.userId, username, token: register.token };
}

export async function registerAccounts(graphqlUrl: string, count: number): Promise<BenchAccount[]> {
  const run = randomBytes(3).toString('hex');
  const usernames = Array.from({ length: count }, (_, index) => `bench_${run}_${index}`);
  return atMostAtOnce(usernames, REGISTRATIONS_AT_ONCE, (username) => register(graphqlUrl, username));
}
