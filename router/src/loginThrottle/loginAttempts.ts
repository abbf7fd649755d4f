// The login throttle's rules, kept by either store (in this process, or in Redis for every replica):
//
// - Per client address, strict: every login attempt, right or wrong, counts in a fixed window of
//   LOGIN_ADDRESS_WINDOW_SECONDS; past LOGIN_ATTEMPTS_PER_ADDRESS the address is refused (429) until
//   the window ends. Refused attempts count too, so hammering on after a 429 earns nothing.
// - Per account (the normalised email), a rate and never a lockout: wrong passwords (INVALID_CREDENTIALS)
//   are counted per account and per address they came from, remembered LOGIN_FAILURE_WINDOW_SECONDS
//   after the last. Once the account has LOGIN_FAILURES_PER_ACCOUNT of them, from anywhere, each
//   address may try it once per LOGIN_ACCOUNT_SLOWDOWN_SECONDS. The owner, on an address of their
//   own, keeps their own slot: an attacker hammering elsewhere slows the account, never takes it away.
// - A successful login clears the account's failures from the address it came from (and that
//   address's slot); other addresses' failures keep the account slowed for them.
import type { LoginThrottleSettings } from '../config.js';

export type LoginThrottleRules = Omit<LoginThrottleSettings, 'redis'>;

export interface LoginAttempt {
  /** The client address (RouterContext.clientAddress), IPv6 by its /64 (addressBucket.ts). */
  address: string;
  /** The account tried, as a key (see accountKeyOf); null when the request named none the router could read. */
  account: string | null;
}

export type Admission = { admitted: true } | { admitted: false; limit: 'address' | 'account'; retryAfterMs: number };

export interface LoginAttemptStore {
  /** Counts the attempt and says whether it may go ahead. */
  admit(attempt: LoginAttempt): Promise<Admission>;
  /** The password was wrong. */
  failed(attempt: LoginAttempt & { account: string }): Promise<void>;
  /** The login succeeded. */
  succeeded(attempt: LoginAttempt & { account: string }): Promise<void>;
  close(): Promise<void>;
}

/** The field that totals an account's failures, beside one field per address; never an IP address. */
export const TOTAL_FAILURES = '*';

/** Addresses whose failures are told apart per account; past it only the total grows (a botnet on one account). */
export const MAX_ADDRESSES_PER_ACCOUNT = 1_000;

/** An email as the User service compares it: trimmed and lower-cased. */
export const normalisedEmail = (email: string): string => email.trim().toLowerCase();

/** Whole seconds, at least 1: what a Retry-After header says. */
export const retryAfterSeconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));
