// What makes a username, email, password or profile change acceptable; checked before anything is stored.
// Every text arrives through plainText first: a control character is refused, naming the field.
import { badInput, plainText } from '@ledgerline/service-runtime';

const USERNAME = /^[A-Za-z0-9._-]{3,32}$/;
// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is the mail's problem.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL_LENGTH = 254;
const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 256;

/**
 * The username as it is stored and shown. NFKC first, so a look-alike in compatibility form
 * (fullwidth "ａｄａ") is the plain "ada" it looks like and meets the same rule; case is kept.
 */
export function normalizeUsername(username: string): string {
  const trimmed = plainText('username', username).normalize('NFKC').trim();
  if (trimmed === '') throw badInput('username', 'must not be empty');
  if (!USERNAME.test(trimmed)) {
    throw badInput('username', "must be 3 to 32 characters of letters, digits, '.', '_' or '-'");
  }
  return trimmed;
}

/** What makes two usernames one: "Ada" and "ADA" are the same name, which only one account may hold. */
export const canonicalUsername = (normalizedUsername: string): string => normalizedUsername.toLowerCase();

/** NFKC, trimmed and lower-cased: how emails are stored and compared. */
const foldedEmail = (email: string): string => plainText('email', email).normalize('NFKC').trim().toLowerCase();

export function normalizeEmail(email: string): string {
  const folded = foldedEmail(email);
  if (folded === '') throw badInput('email', 'must not be empty');
  if (folded.length > MAX_EMAIL_LENGTH || !EMAIL.test(folded)) throw badInput('email', 'is not a valid email address');
  return folded;
}

/**
 * The stored emails a sign-in with `email` may mean: the folded one, and, for an account
 * registered before emails were NFKC-folded, the address only lower-cased, as it was stored then.
 */
export function emailsToSignInWith(email: string): string[] {
  const folded = foldedEmail(email);
  const asStoredBefore = email.trim().toLowerCase();
  return folded === asStoredBefore ? [folded] : [folded, asStoredBefore];
}

/** A profile change's arguments, normalized; an omitted (or null) one is left out, but not both. */
export function normalizeProfileChanges(input: { username?: string | null; email?: string | null }): { username?: string; email?: string } {
  if (input.username == null && input.email == null) throw badInput('username', 'give username, email or both');
  return {
    ...(input.username == null ? {} : { username: normalizeUsername(input.username) }),
    ...(input.email == null ? {} : { email: normalizeEmail(input.email) }),
  };
}

/** A password given to prove who the caller is (signing in, deleting the account). */
export const checkGivenPassword = (password: string, field = 'password'): string => plainText(field, password);

/** `field` names the argument the password came in: `password` at registration, `newPassword` when changing it. */
export function checkNewPassword(password: string, field = 'password'): void {
  checkGivenPassword(password, field);
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw badInput(field, `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw badInput(field, `must be at most ${MAX_PASSWORD_LENGTH} characters`);
  }
}
