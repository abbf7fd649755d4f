// PUT /user/{id} over a stand-in gateway: only one's own profile, both fields required, and the
// answer in the same shape GET /user/{id} gives.
import { describe, expect, it } from 'vitest';
import { RestError } from '../src/rest/errorModel.js';
import { restRoutes } from '../src/rest/restApi.js';
import type { RestRoute } from '../src/rest/restRoute.js';
import { rejectionOf } from '../../test/support/thrown.js';
import { fakeGateway } from './fakeGateway.js';

const updateProfile = (): RestRoute => {
  const route = restRoutes.find((candidate) => candidate.method === 'put' && candidate.path === '/user/{id}');
  if (route === undefined) throw new Error('no route put /user/{id}');
  return route;
};

const changed = () => ({ updateProfile: { id: '7', username: 'ada_l', email: 'ada.l@example.com' } });

describe('PUT /user/{id}', () => {
  it('sends both fields to updateProfile and answers the profile with an integer id', async () => {
    const { run, calls } = fakeGateway(changed);
    const body = { username: 'ada_l', email: 'Ada.L@Example.com', ignored: true };
    await expect(updateProfile().handle({ params: { id: '7' }, body, callerId: 7 }, run)).resolves.toEqual({
      userId: 7,
      username: 'ada_l',
      email: 'ada.l@example.com',
    });
    expect(calls).toEqual([{ operationName: 'RestUpdateProfile', variables: { username: 'ada_l', email: 'Ada.L@Example.com' } }]);
  });

  it('refuses another user’s id with FORBIDDEN, without running anything', async () => {
    const { run, calls } = fakeGateway(changed);
    const error = await rejectionOf(
      updateProfile().handle({ params: { id: '8' }, body: { username: 'ada_l', email: 'ada@example.com' }, callerId: 7 }, run),
    );
    expect(error).toBeInstanceOf(RestError);
    expect(error).toMatchObject({ code: 'FORBIDDEN', status: 403, message: 'id: you may only change your own profile' });
    expect(calls).toEqual([]);
  });

  it('refuses a body without both fields, naming each missing one, without running anything', async () => {
    const { run, calls } = fakeGateway(changed);
    const error = await rejectionOf(updateProfile().handle({ params: { id: '7' }, body: { username: 'ada_l' }, callerId: 7 }, run));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', status: 400, fields: [{ field: 'email', message: 'is required' }] });
    expect(calls).toEqual([]);
  });

  it('answers 200, with the errors of a taken username or email among its own', () => {
    expect(updateProfile().success.status).toBe(200);
    expect(updateProfile().errors).toEqual(['FORBIDDEN', 'EMAIL_TAKEN', 'USERNAME_TAKEN']);
  });
});
