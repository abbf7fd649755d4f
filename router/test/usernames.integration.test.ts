// Usernames are one name regardless of case and Unicode compatibility form: once "ada" is taken,
// "ADA" and the fullwidth "ａｄａ" are too, through GraphQL and REST, at registration and on a
// profile change. Emails likewise compare NFKC-folded and lower-cased.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER } from '../../test/support/router.js';
import { startRouterInFrontOf, type InProcessRouter } from '../../test/support/routerInProcess.js';
import { startSubgraphsInProcess, type InProcessSubgraphs } from '../../test/support/subgraphsInProcess.js';

let subgraphs: InProcessSubgraphs;
let router: InProcessRouter;

beforeAll(async () => {
  subgraphs = await startSubgraphsInProcess();
  router = await startRouterInFrontOf(subgraphs);
});

afterAll(async () => {
  await router.stop();
  await subgraphs.stop();
});

/** A name no other test uses, in lower case: "ada_1f2e3d". */
const freshName = () => `ada_${randomBytes(3).toString('hex')}`;

/** Fullwidth forms of ASCII letters, digits and '_': what NFKC reads back as the plain ones. */
const fullwidth = (text: string) => [...text].map((character) => String.fromCodePoint(character.codePointAt(0)! + 0xfee0)).join('');

const register = (username: string, email = `${freshName()}@example.test`) =>
  router.graphql(REGISTER, { username, email, password: 'long enough password' });

const profileOf = async (token: string) => (await router.graphql('{ me { username email } }', {}, token)).data?.['me'];

describe('registration', () => {
  it.each([
    ['upper case', (name: string) => name.toUpperCase()],
    ['mixed case', (name: string) => name[0]!.toUpperCase() + name.slice(1)],
    ['fullwidth letters', fullwidth],
    ['fullwidth upper case', (name: string) => fullwidth(name.toUpperCase())],
  ])('refuses a taken name written in %s with USERNAME_TAKEN', async (_, written) => {
    const name = freshName();
    expect((await register(name)).errors).toBeUndefined();

    const answer = await register(written(name));

    expect(answer.errors).toEqual([
      expect.objectContaining({
        message: 'This username is already taken',
        extensions: expect.objectContaining({ code: 'USERNAME_TAKEN', field: 'username' }),
      }),
    ]);
  });

  it('stores a fullwidth name as the plain one it reads as, case kept', async () => {
    const name = freshName().toUpperCase();
    const answer = await register(fullwidth(name));
    expect(await profileOf(answer.data?.['register'].token)).toMatchObject({ username: name });
  });

  it('answers REST with 409 USERNAME_TAKEN for a name taken in another case', async () => {
    const name = freshName();
    await register(name);
    const response = await fetch(`${router.origin}/user/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: name.toUpperCase(), email: `${freshName()}@example.test`, password: 'long enough password' }),
    });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('USERNAME_TAKEN');
  });

  it('refuses an email taken in fullwidth or upper-case form with EMAIL_TAKEN, and signs in by either', async () => {
    const local = freshName();
    await register(freshName(), `${local}@example.test`);

    const answer = await register(freshName(), `${fullwidth(local.toUpperCase())}@example.test`);
    expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['EMAIL_TAKEN']);

    const login = await router.graphql('mutation($e: String!) { login(email: $e, password: "long enough password") { userId } }', {
      e: `${fullwidth(local)}@EXAMPLE.test`,
    });
    expect(login.errors).toBeUndefined();
  });
});

describe('profile changes', () => {
  it("refuses another account's name in another case, and lets the owner change the case of their own", async () => {
    const name = freshName();
    const holder = (await register(name)).data?.['register'];
    const other = (await register(freshName())).data?.['register'];
    const changeTo = (username: string, token: string) =>
      router.graphql('mutation($u: String) { updateProfile(username: $u) { username } }', { u: username }, token);

    expect((await changeTo(name.toUpperCase(), other.token)).errors?.map((error) => error.extensions?.code)).toEqual(['USERNAME_TAKEN']);
    expect((await changeTo(fullwidth(name), other.token)).errors?.map((error) => error.extensions?.code)).toEqual(['USERNAME_TAKEN']);

    const own = await changeTo(name.toUpperCase(), holder.token);
    expect(own.errors).toBeUndefined();
    expect(own.data?.['updateProfile']).toEqual({ username: name.toUpperCase() });

    // The old spelling is the holder's still, under its new case: nobody else may take it.
    expect((await register(name)).errors?.map((error) => error.extensions?.code)).toEqual(['USERNAME_TAKEN']);
  });
});
