import type { LoginMutation } from '@ledgerline/web-sdk';
import { sessions } from '../session/session.js';

/** Starts the session that register or login answered with. */
export function signedIn(answer: LoginMutation['login']): void {
  sessions.signIn({ token: answer.token, expiresAt: answer.expiresAt, user: { id: answer.user.id, username: answer.user.username } });
}
