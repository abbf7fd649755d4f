// What makes a username, email, password or profile change acceptable; checked before anything is stored.
import { badInput } from '@ledgerline/service-runtime';

const USERNAME = /^[A-Za-z0-9._-]{3,32}$/;
// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is the mail's problem.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL_LENGTH = 254;
const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 256;

export function normalizeUsername(username: string): string {
  const trimmed = username.trim();
  if (trimmed === '') throw badInput('username', 'must not be empty');
  if (!USERNAME.test(trimmed)) {
    throw badInput('username', "must be 3 to 32 characters of letters, digits, '.', '_' or '-'");
  }
  return trimmed;
}

export function normalizeEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  if (trimmed === '') throw badInput('email', 'must not be empty');
  if (trimmed.length > MAX_EMAIL_LENGTH || !EMAIL.test(trimmed)) throw badInput('email', 'is not a valid email address');
  return trimmed;
}

/** A profile change's arguments, normalized; an omitted (or null) one is left out, but not both. */
export function normalizeProfileChanges(input: { username?: string | null; email?: string | null }): { username?: string; email?: string } {
  if (input.username == null && input.email == null) throw badInput('username', 'give username, email or both');
  return {
    ...(input.username == null ? {} : { username: normalizeUsername(input.username) }),
    ...(input.email == null ? {} : { email: normalizeEmail(input.email) }),
  };
}

export function checkNewPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw badInput('password', `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw badInput('password', `must be at most ${MAX_PASSWORD_LENGTH} characters`);
  }
}
