// The router's edge check of tokens when its sources of truth fail: with the User service's gRPC
// server gone, a session seen live lately is served for the grace and then refused with 503, one
// never seen is refused with 503 at once (GraphQL and REST alike), and both are served again once
// it is back; with the revocation feed unreachable, a logged-out token is still refused once the
// router's answer for it expires.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisForTests } from '../../test/support/redisForTests.js';
import { dropRedisNamespace } from '../../test/support/redisNamespace.js';
import { startRouterInFrontOf, type InProcessRouter } from '../../test/support/routerInProcess.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../test/support/subgraphsInProcess.js';

const redisUrl = await redisForTests();
const ME = '{ me { id } }';
/** Bounds of the polls below: well past the cache and grace times the routers are given. */
const WITHIN = { timeout: 8_000, interval: 100 };

let subgraphs: InProcessSubgraphs;
let router: InProcessRouter;

beforeAll(async () => {
  subgraphs = await startSubgraphsInProcess();
  router = await startRouterInFrontOf(subgraphs, { environment: { TOKEN_LIVENESS_CACHE_MS: '300', TOKEN_LIVENESS_GRACE_MS: '2000' } });
});

afterAll(async () => {
  await router?.stop();
  await subgraphs?.stop();
});

async function answerTo(target: InProcessRouter, token: string): Promise<string> {
  const { status, answer } = await target.post({ query: ME }, token);
  if (status === 200 && answer.errors === undefined) return 'served';
  return `${status} ${answer.errors?.[0]?.extensions?.code}`;
}

describe('while the User service cannot be asked', () => {
  it('serves a session seen live for the grace, then answers 503; refuses a session never seen with 503; serves both once it is back', async () => {
    const [seen, unseen] = [await router.register(), await router.register()];
    expect(await answerTo(router, seen.token)).toBe('served');

    await subgraphs.stopGrpc('user');
    try {
      expect(await answerTo(router, seen.token)).toBe('served');
      expect(await answerTo(router, unseen.token)).toBe('503 SERVICE_UNAVAILABLE');
      const rest = await fetch(`${router.origin}/user/${unseen.userId}`, { headers: { authorization: `Bearer ${unseen.token}` } });
      expect({ status: rest.status, body: await rest.json() }).toMatchObject({
        status: 503,
        body: { error: { code: 'SERVICE_UNAVAILABLE' } },
      });
      await expect.poll(() => answerTo(router, seen.token), WITHIN).toBe('503 SERVICE_UNAVAILABLE');
      // Anonymous requests never need the User service's word.
      expect((await router.post({ query: '{ __typename }' })).status).toBe(200);
    } finally {
      await subgraphs.startGrpc('user');
    }
    await expect.poll(() => answerTo(router, seen.token), WITHIN).toBe('served');
    expect(await answerTo(router, unseen.token)).toBe('served');
  });
});

describe('while the revocation feed cannot be heard', () => {
  it.skipIf(redisUrl === null)('refuses a token logged out elsewhere once the router’s answer for it expires', async () => {
    // It follows Redis, where the User service (here without REDIS_URL) announces nothing: it
    // never hears of the logout, as when Redis is down.
    const deaf = await startRouterInFrontOf(subgraphs, { redisUrl: redisUrl!, environment: { TOKEN_LIVENESS_CACHE_MS: '1000' } });
    try {
      const ada = await router.register();
      expect(await answerTo(deaf, ada.token)).toBe('served');
      await router.graphql('mutation { logout { userId } }', {}, ada.token);
      await expect.poll(() => answerTo(deaf, ada.token), WITHIN).toBe('401 UNAUTHENTICATED');
    } finally {
      await deaf.stop();
      await dropRedisNamespace(redisUrl!, subgraphs.redisKeyPrefix);
    }
  });
});
