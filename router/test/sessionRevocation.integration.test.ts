// Ending sessions across two router replicas in front of the same subgraphs, over each revocation
// bus (Redis pub/sub shared by both, and the User service's gRPC stream each follows): a logout on
// one replica is refused by the other within seconds while the account's other sessions go on, a
// password change ends every session on both, and open WebSockets of an ended session close with
// 4401. The routers keep the User service's answers far longer here than the bound polled for, so
// only the revocation feed can make them refuse in time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlWsSocket, type GraphqlWsSocket } from '../../test/support/graphqlWsSocket.js';
import { redisForTests } from '../../test/support/redisForTests.js';
import { startRouterInFrontOf, type InProcessRouter } from '../../test/support/routerInProcess.js';
import type { Member } from '../../test/support/savingsGroupsThroughRouter.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../test/support/subgraphsInProcess.js';

const redisUrl = await redisForTests();

/** How soon every replica must refuse an ended session. */
const WITHIN = { timeout: 5_000, interval: 100 };
/** Longer than any test here waits: a refusal in time comes from the feed, not from an answer expiring. */
const LONG_CACHE = { TOKEN_LIVENESS_CACHE_MS: '60000' };

const ME = '{ me { id username } }';
const LOGOUT = 'mutation { logout { userId endedAt } }';
const LOGIN = 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';
const CHANGE_PASSWORD =
  'mutation($current: String!, $new: String!) { changePassword(currentPassword: $current, newPassword: $new) { token userId } }';

describe.each([
  { bus: 'Redis pub/sub', redis: true },
  { bus: 'the User service’s gRPC stream', redis: false },
])('sessions ended on one router, over $bus', ({ redis }) => {
  const skipped = redis && redisUrl === null;
  let subgraphs: InProcessSubgraphs;
  let routerA: InProcessRouter;
  let routerB: InProcessRouter;
  const sockets: GraphqlWsSocket[] = [];

  beforeAll(async () => {
    if (skipped) return;
    const shared = redis && redisUrl !== null ? { redisUrl } : {};
    subgraphs = await startSubgraphsInProcess(shared);
    [routerA, routerB] = await Promise.all([
      startRouterInFrontOf(subgraphs, { ...shared, environment: LONG_CACHE }),
      startRouterInFrontOf(subgraphs, { ...shared, environment: LONG_CACHE }),
    ]);
  });

  afterAll(async () => {
    for (const { socket } of sockets) socket.terminate();
    await Promise.all([routerA?.stop(), routerB?.stop()]);
    await subgraphs?.stop();
  });

  /** Whether `router` serves the holder of `token`: 'served', or the code it refuses with. */
  async function answerTo(router: InProcessRouter, token: string): Promise<string> {
    const { status, answer } = await router.post({ query: ME }, token);
    if (status === 200 && answer.errors === undefined) return 'served';
    return `${status} ${answer.errors?.[0]?.extensions?.code}`;
  }

  /** A second sign-in of the same account, as from another device. */
  async function anotherSession(member: Member): Promise<string> {
    const answer = await routerA.graphql(LOGIN, { email: member.email, password: member.password });
    return (answer.data?.['login'] as { token: string }).token;
  }

  it.skipIf(skipped)(
    'refuses a logged-out session on the other router within seconds, cached answers included, and keeps the account’s other session',
    async () => {
      const ada = await routerA.register();
      const phone = await anotherSession(ada);
      // Both routers have seen both sessions live, and B holds Ada's profile in its response cache.
      for (const router of [routerA, routerB]) for (const token of [ada.token, phone]) expect(await answerTo(router, token)).toBe('served');
      const cached = await routerB.post({ query: ME }, ada.token);
      expect(cached.headers.get('x-ledgerline-cache')).toBe('hit');

      const loggedOut = await routerA.graphql(LOGOUT, {}, ada.token);
      expect(loggedOut.data?.['logout']).toMatchObject({ userId: ada.userId });

      expect(await answerTo(routerA, ada.token)).toBe('401 UNAUTHENTICATED');
      await expect.poll(() => answerTo(routerB, ada.token), WITHIN).toBe('401 UNAUTHENTICATED');
      for (const router of [routerA, routerB]) expect(await answerTo(router, phone)).toBe('served');
    },
  );

  it.skipIf(skipped)(
    'ends every session on both routers on a password change, answering a token that works on both; only the new password signs in',
    async () => {
      const ada = await routerA.register();
      const phone = await anotherSession(ada);
      for (const router of [routerA, routerB]) for (const token of [ada.token, phone]) expect(await answerTo(router, token)).toBe('served');
      const newPassword = `${ada.password} changed`;

      const changed = await routerA.graphql(CHANGE_PASSWORD, { current: ada.password, new: newPassword }, ada.token);
      const { token } = changed.data?.['changePassword'] as { token: string };

      for (const router of [routerA, routerB]) {
        for (const old of [ada.token, phone]) await expect.poll(() => answerTo(router, old), WITHIN).toBe('401 UNAUTHENTICATED');
        expect(await answerTo(router, token)).toBe('served');
      }
      const oldLogin = await routerB.graphql(LOGIN, { email: ada.email, password: ada.password });
      expect(oldLogin.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
      const newLogin = await routerB.graphql(LOGIN, { email: ada.email, password: newPassword });
      expect(newLogin.data?.['login']).toMatchObject({ token: expect.any(String) });
    },
  );

  it.skipIf(skipped)(
    'refuses a wrong current password with INVALID_CREDENTIALS on currentPassword, and every session goes on',
    async () => {
      const ada = await routerA.register();
      const refused = await routerA.graphql(CHANGE_PASSWORD, { current: 'not the password', new: 'a brand new password' }, ada.token);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_CREDENTIALS', field: 'currentPassword' });
      expect(await answerTo(routerB, ada.token)).toBe('served');
    },
  );

  it.skipIf(skipped)(
    'closes the logged-out session’s WebSocket on the other router with 4401, and leaves the other session’s open',
    async () => {
      const ada = await routerA.register();
      const phone = await anotherSession(ada);
      const [laptopSocket, phoneSocket] = [graphqlWsSocket(routerB.origin), graphqlWsSocket(routerB.origin)];
      sockets.push(laptopSocket, phoneSocket);
      await Promise.all([laptopSocket.signIn(ada.token), phoneSocket.signIn(phone)]);

      await routerA.graphql(LOGOUT, {}, ada.token);

      expect((await laptopSocket.closedWith(WITHIN.timeout)).code).toBe(4401);
      // Still open, and still serving: an operation sent on it now is answered.
      phoneSocket.subscribe('me', ME, {});
      await expect.poll(() => phoneSocket.resultsOf('me'), WITHIN).toEqual([{ data: { me: { id: ada.userId, username: ada.username } } }]);
      expect(phoneSocket.closed).toBeNull();
    },
  );
});
