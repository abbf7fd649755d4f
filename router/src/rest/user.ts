// The User service's routes: register, login and profile of the original REST design, and since then
// changing the profile, deleting the account, logging out and changing the password.
import { z } from 'zod';
import { knownUser } from './errorModel.js';
import { idInPath, idOf, textField } from './fields.js';
import { defineRoute } from './restRoute.js';
import {
  ChangePasswordOperation,
  DeleteAccountOperation,
  LoginOperation,
  LogoutOperation,
  ProfileOperation,
  RegisterOperation,
  UpdateProfileOperation,
} from './operations/user.js';
import { idFromGraphQL } from './scalars.js';

// Registration and a profile change take the same fields, by the same rules.
const usernameField = textField("3 to 32 characters: letters, digits, '.', '_' or '-'; unique regardless of case.", 'ada');
const emailField = textField('A valid email address; unique, compared without regard to case.', 'ada@example.com');

const userProfile = z
  .strictObject({
    userId: idOf('The user’s id.'),
    username: z.string().meta({ example: 'ada' }),
    email: z.string().meta({ example: 'ada@example.com' }),
  })
  .meta({ id: 'UserProfile' });

const profileOf = (user: { id: string; username: string; email: string }): z.output<typeof userProfile> => ({
  userId: idFromGraphQL(user.id),
  username: user.username,
  email: user.email,
});

const register = defineRoute({
  method: 'post',
  path: '/user/register',
  operationId: 'registerUser',
  tag: 'User',
  summary: 'Register a new user',
  description: 'Creates an account. Sign in with `POST /user/login` to get a token.',
  auth: 'open',
  body: z
    .object({
      username: usernameField,
      email: emailField,
      password: textField('8 to 256 characters.', 'correct horse battery'),
    })
    .meta({ id: 'RegisterRequest' }),
  success: {
    status: 201,
    description: 'The account was created.',
    schema: z
      .strictObject({ message: z.literal('User registered successfully'), userId: idOf('The new user’s id.') })
      .meta({ id: 'RegisterResponse' }),
  },
  errors: ['EMAIL_TAKEN', 'USERNAME_TAKEN', 'SERVICE_BUSY'],
  async respond({ body }, run) {
    const { register } = await run(RegisterOperation, body);
    return { message: 'User registered successfully', userId: idFromGraphQL(register.userId) } as const;
  },
});

const login = defineRoute({
  method: 'post',
  path: '/user/login',
  operationId: 'logIn',
  tag: 'User',
  summary: 'Log in and get a token',
  description:
    'Present the token as `Authorization: Bearer <token>` on every other route. It expires after an hour by default. Logins are throttled: too many attempts from one address, or wrong passwords for one account, answer 429 TOO_MANY_REQUESTS with a `Retry-After` header (seconds); an account with many wrong passwords is slowed to one attempt per few seconds from each address, never locked. A User service at capacity answers 503 SERVICE_BUSY with `Retry-After`.',
  auth: 'open',
  body: z
    .object({
      email: textField('The account’s email address, in any case.', 'ada@example.com'),
      password: textField('The account’s password.', 'correct horse battery'),
    })
    .meta({ id: 'LoginRequest' }),
  success: {
    status: 200,
    description: 'Signed in.',
    schema: z
      .strictObject({
        token: z.string().meta({ description: 'A JWT (HS256) whose subject is the user id.' }),
        userId: idOf('The signed-in user’s id.'),
      })
      .meta({ id: 'LoginResponse' }),
  },
  // Throttled per client address and per account (router/src/loginThrottle/); each carries Retry-After.
  errors: ['INVALID_CREDENTIALS', 'TOO_MANY_REQUESTS', 'SERVICE_BUSY'],
  async respond({ body }, run) {
    const { login } = await run(LoginOperation, body);
    return { token: login.token, userId: idFromGraphQL(login.userId) };
  },
});

const logout = defineRoute({
  method: 'post',
  path: '/user/logout',
  operationId: 'logOut',
  tag: 'User',
  summary: 'Log out this session',
  description:
    'Ends the session of the token sent: from now on it answers 401 on every route, on every router within seconds, and its open WebSockets close with 4401. Your other sessions (other devices) go on. No body.',
  auth: 'bearer',
  success: {
    status: 200,
    description: 'Logged out.',
    schema: z
      .strictObject({ message: z.literal('Logged out'), userId: idOf('The user whose session ended.') })
      .meta({ id: 'LogoutResponse' }),
  },
  errors: [],
  async respond(_input, run) {
    const { logout } = await run(LogoutOperation, {});
    return { message: 'Logged out', userId: idFromGraphQL(logout.userId) } as const;
  },
});

const changePassword = defineRoute({
  method: 'put',
  path: '/user/{id}/password',
  operationId: 'changePassword',
  tag: 'User',
  summary: 'Change your password',
  description:
    'Replaces your password once the current one is proved, and ends every session of the account: every token issued before, the one sent included, answers 401 from now on. Use the token in the answer on this device.',
  auth: 'bearer',
  params: z.object({ id: idInPath('Your own user id.') }),
  body: z
    .object({
      currentPassword: textField('The account’s password as it is now.', 'correct horse battery'),
      newPassword: textField('8 to 256 characters, as at registration.', 'battery staple horse'),
    })
    .meta({ id: 'ChangePasswordRequest' }),
  owner: { of: ({ params }) => params.id, refusal: 'id: you may only change your own password' },
  success: {
    status: 200,
    description: 'The password is changed; every other session has ended.',
    schema: z
      .strictObject({
        token: z.string().meta({ description: 'A new token for this device: a JWT (HS256) whose subject is the user id.' }),
        userId: idOf('The user’s id.'),
      })
      .meta({ id: 'ChangePasswordResponse' }),
  },
  errors: ['FORBIDDEN', 'INVALID_CREDENTIALS'],
  async respond({ body }, run) {
    const { changePassword } = await run(ChangePasswordOperation, body);
    return { token: changePassword.token, userId: idFromGraphQL(changePassword.userId) };
  },
});

const profile = defineRoute({
  method: 'get',
  path: '/user/{id}',
  operationId: 'getUserProfile',
  tag: 'User',
  summary: 'A user’s profile',
  description: 'Your own profile only: the email address is private, so another user’s id answers 403.',
  auth: 'bearer',
  params: z.object({ id: idInPath('The user’s id.') }),
  success: { status: 200, description: 'The profile.', schema: userProfile },
  errors: ['FORBIDDEN', 'NOT_FOUND'],
  async respond({ params }, run) {
    return profileOf(knownUser((await run(ProfileOperation, { id: String(params.id) })).user ?? null));
  },
});

const updateProfile = defineRoute({
  method: 'put',
  path: '/user/{id}',
  operationId: 'updateUserProfile',
  tag: 'User',
  summary: 'Change your profile',
  description:
    'Replaces your username and email: send both, the current value of the one you keep. Sign in with the new email from then on; the tokens you hold keep working.',
  auth: 'bearer',
  params: z.object({ id: idInPath('Your own user id.') }),
  body: z.object({ username: usernameField, email: emailField }).meta({ id: 'UpdateProfileRequest' }),
  owner: { of: ({ params }) => params.id, refusal: 'id: you may only change your own profile' },
  success: { status: 200, description: 'The profile as it now is.', schema: userProfile },
  errors: ['FORBIDDEN', 'EMAIL_TAKEN', 'USERNAME_TAKEN'],
  async respond({ body }, run) {
    return profileOf((await run(UpdateProfileOperation, body)).updateProfile);
  },
});

const ACCOUNT_DELETED = 'Account deleted' as const;
const DELETION_PENDING = 'Account deletion under way: the account refuses every token now, and its records are erased shortly' as const;

const deleteAccount = defineRoute({
  method: 'delete',
  path: '/user/{id}',
  operationId: 'deleteAccount',
  tag: 'User',
  summary: 'Delete your account',
  description:
    'Deletes your account and every income, expense and savings goal of it. Every token of the account is refused from the moment the password is accepted. `status` is `DELETED` when all is gone, or `PENDING` when a service was unreachable: the deletion then finishes on its own, with nothing to retry.',
  auth: 'bearer',
  params: z.object({ id: idInPath('Your own user id.') }),
  body: z
    .object({
      password: textField('The account’s password, asked again so that a stolen token alone cannot delete it.', 'correct horse battery'),
    })
    .meta({ id: 'DeleteAccountRequest' }),
  owner: { of: ({ params }) => params.id, refusal: 'id: you may only delete your own account' },
  success: {
    status: 200,
    description: 'The account is deleted, or its deletion is under way.',
    schema: z
      .strictObject({
        message: z.enum([ACCOUNT_DELETED, DELETION_PENDING]),
        status: z.enum(['DELETED', 'PENDING']).meta({ description: 'DELETED: all gone. PENDING: finishing on its own.' }),
      })
      .meta({ id: 'AccountDeletion' }),
  },
  errors: ['FORBIDDEN', 'INVALID_CREDENTIALS', 'SERVICE_BUSY'],
  async respond({ body }, run) {
    const { status } = (await run(DeleteAccountOperation, body)).deleteAccount;
    return { message: status === 'DELETED' ? ACCOUNT_DELETED : DELETION_PENDING, status };
  },
});

// /user/logout before /user/{id}, which would otherwise take it for an id.
export const userRoutes = [register, login, logout, profile, updateProfile, deleteAccount, changePassword];
