// POST /user/logout and PUT /user/{id}/password through the router, as a REST client uses them:
// statuses, bodies (checked against the router's own /openapi.json) and what the old tokens get
// afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restAt, type RestResponse } from '../../test/support/restClient.js';
import { uniqueCredentials } from '../../test/support/router.js';
import { startRouterInFrontOf, type InProcessRouter } from '../../test/support/routerInProcess.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../test/support/subgraphsInProcess.js';

let subgraphs: InProcessSubgraphs;
let router: InProcessRouter;

beforeAll(async () => {
  subgraphs = await startSubgraphsInProcess();
  router = await startRouterInFrontOf(subgraphs);
});

afterAll(async () => {
  await router?.stop();
  await subgraphs?.stop();
});

const rest = <Body = any>(method: string, path: string, request: Parameters<typeof restAt>[3] = {}): Promise<RestResponse<Body>> =>
  restAt<Body>(router.origin, method, path, request);

/** A registered account signed in twice, as on two devices. */
async function signedInTwice() {
  const credentials = uniqueCredentials();
  expect((await rest('POST', '/user/register', { body: credentials })).status).toBe(201);
  const logIn = () => rest('POST', '/user/login', { body: { email: credentials.email, password: credentials.password } });
  const [laptop, phone] = [await logIn(), await logIn()];
  return { ...credentials, userId: laptop.body.userId as number, laptop: laptop.body.token as string, phone: phone.body.token as string };
}

const profileStatus = async (userId: number, token: string) => (await rest('GET', `/user/${userId}`, { token })).status;

describe('POST /user/logout', () => {
  it('answers 200 and refuses the token on every route afterwards, while the account’s other session goes on', async () => {
    const ada = await signedInTwice();

    const loggedOut = await rest('POST', '/user/logout', { token: ada.laptop });

    expect(loggedOut).toMatchObject({ status: 200, body: { message: 'Logged out', userId: ada.userId } });
    const refused = await rest('GET', `/user/${ada.userId}`, { token: ada.laptop });
    expect(refused).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
    expect((await rest('POST', '/user/logout', { token: ada.laptop })).status).toBe(401);
    expect(await profileStatus(ada.userId, ada.phone)).toBe(200);
  });

  it('answers 401 without a token', async () => {
    expect(await rest('POST', '/user/logout')).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
  });
});

describe('PUT /user/{id}/password', () => {
  it('answers a new token, ends every other session, and signs in with the new password only', async () => {
    const ada = await signedInTwice();
    const newPassword = `${ada.password} changed`;

    const changed = await rest('PUT', `/user/${ada.userId}/password`, {
      token: ada.laptop,
      body: { currentPassword: ada.password, newPassword },
    });

    expect(changed).toMatchObject({ status: 200, body: { token: expect.any(String), userId: ada.userId } });
    expect(await profileStatus(ada.userId, ada.laptop)).toBe(401);
    expect(await profileStatus(ada.userId, ada.phone)).toBe(401);
    expect(await profileStatus(ada.userId, changed.body.token)).toBe(200);
    const oldLogin = await rest('POST', '/user/login', { body: { email: ada.email, password: ada.password } });
    expect(oldLogin).toMatchObject({ status: 401, body: { error: { code: 'INVALID_CREDENTIALS' } } });
    expect((await rest('POST', '/user/login', { body: { email: ada.email, password: newPassword } })).status).toBe(200);
  });

  it('answers 401 INVALID_CREDENTIALS naming currentPassword for a wrong one, and the sessions go on', async () => {
    const ada = await signedInTwice();
    const refused = await rest('PUT', `/user/${ada.userId}/password`, {
      token: ada.laptop,
      body: { currentPassword: 'not the password', newPassword: 'a brand new password' },
    });
    expect(refused).toMatchObject({
      status: 401,
      body: { error: { code: 'INVALID_CREDENTIALS', details: { fields: [{ field: 'currentPassword' }] } } },
    });
    expect(await profileStatus(ada.userId, ada.phone)).toBe(200);
  });

  it('answers 400 naming newPassword when it breaks the registration rules, and each missing field', async () => {
    const ada = await signedInTwice();
    const short = await rest('PUT', `/user/${ada.userId}/password`, {
      token: ada.laptop,
      body: { currentPassword: ada.password, newPassword: 'short' },
    });
    expect(short).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_USER_INPUT', details: { fields: [{ field: 'newPassword' }] } } },
    });
    const missing = await rest('PUT', `/user/${ada.userId}/password`, { token: ada.laptop, body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.fields.map((problem: { field: string }) => problem.field)).toEqual([
      'currentPassword',
      'newPassword',
    ]);
  });

  it('answers 403 for another user’s id and 401 without a token, changing nothing', async () => {
    const [ada, bob] = [await signedInTwice(), await signedInTwice()];
    const body = { currentPassword: ada.password, newPassword: 'a brand new password' };
    expect(await rest('PUT', `/user/${bob.userId}/password`, { token: ada.laptop, body })).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect((await rest('PUT', `/user/${ada.userId}/password`, { body })).status).toBe(401);
    expect(await profileStatus(bob.userId, bob.phone)).toBe(200);
    expect(await profileStatus(ada.userId, ada.phone)).toBe(200);
  });
});
