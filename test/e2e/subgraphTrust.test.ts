// The subgraphs listen on their own ports, but only the router may talk to them.
import { randomBytes } from 'node:crypto';
import { signRouterAssertion, verifyUserToken } from '@ledgerline/identity';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { errorCodes, postGraphQL, registerUser, routerQuery, type TestUser } from '../support/router.js';

const ASSERTION = 'x-ledgerline-router-assertion';
const INCOMES_OF = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on User { incomes { amount } } }
}`;

let victim: TestUser;

beforeAll(async () => {
  victim = await registerUser();
  await routerQuery(`mutation { addIncome(amount: "777.77", source: "secret", date: "2026-05-05") { id } }`, {}, victim.token);
});

const askFinanceAs = (headers: Record<string, string>) =>
  postGraphQL(inject('financeSubgraphUrl'), INCOMES_OF, { representations: [{ __typename: 'User', id: victim.id }] }, headers);

/** The victim as their own token names them: user id, account key and session. */
const victimCaller = () => {
  const { userId, accountKey, sessionId } = verifyUserToken(victim.token, inject('jwtSecret'));
  return { userId, accountKey, sessionId };
};

describe('subgraph trust', () => {
  it('rejects a direct call that carries no router assertion', async () => {
    const response = await askFinanceAs({ 'x-user-id': victim.id, authorization: `Bearer ${victim.token}` });
    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(JSON.stringify(response)).not.toContain('777.77');
  });

  it('rejects an assertion forged with another key', async () => {
    const forged = signRouterAssertion({ caller: victimCaller(), requestId: 'forged' }, randomBytes(32).toString('hex'));
    const response = await askFinanceAs({ [ASSERTION]: forged });
    expect(response.status).toBe(401);
    expect(JSON.stringify(response)).not.toContain('777.77');
  });

  it('rejects an assertion with the signature stripped (alg "none")', async () => {
    const claims = { sub: victim.id, iss: 'ledgerline-router', aud: 'ledgerline-subgraphs', exp: Math.floor(Date.now() / 1000) + 60 };
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    const response = await askFinanceAs({ [ASSERTION]: unsigned });
    expect(response.status).toBe(401);
  });

  it('rejects the user service too, and does not let a direct call register or log in', async () => {
    const response = await postGraphQL(
      inject('userSubgraphUrl'),
      `mutation { login(email: "${victim.email}", password: "${victim.password}") { token } }`,
    );
    expect(response.status).toBe(401);
    expect(response.data ?? null).toBeNull();
  });

  it('serves a call signed with the router key, which is what the router sends', async () => {
    const genuine = signRouterAssertion({ caller: victimCaller(), requestId: 'test' }, inject('routerSigningSecret'));
    const response = await askFinanceAs({ [ASSERTION]: genuine });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ _entities: [{ incomes: [{ amount: '777.77' }] }] });
  });

  it('ignores an assertion header a client sends to the router', async () => {
    const attacker = await registerUser();
    const forged = signRouterAssertion({ caller: victimCaller(), requestId: 'x' }, randomBytes(32).toString('hex'));
    const response = await routerQuery(`{ me { id } }`, {}, attacker.token);
    const smuggled = await postGraphQL(
      inject('routerUrl'),
      `{ me { id } }`,
      {},
      {
        authorization: `Bearer ${attacker.token}`,
        [ASSERTION]: forged,
      },
    );
    expect(smuggled.data).toEqual(response.data);
    expect(smuggled.data).toEqual({ me: { id: attacker.id } });
  });
});
