// How long a caller still waits, carried from the router to a subgraph and on into the gRPC calls
// the subgraph makes. It travels as a remaining time, as gRPC's own `grpc-timeout` does, so two
// machines whose clocks differ still agree on it. A remaining time cannot count the time a request
// sat unread (in a socket buffer of a process that was frozen, say), so the caller's clock reading
// of the deadline comes along too and bounds it, allowing for clocks up to a second apart.
import { DomainError } from './DomainError.js';

/** Milliseconds the caller will still wait for this request's answer, as a decimal integer. */
export const DEADLINE_HEADER = 'x-ledgerline-deadline-ms';
/** The same deadline as a point on the caller's clock, in milliseconds since the epoch. */
export const DEADLINE_AT_HEADER = 'x-ledgerline-deadline-at';

/** How far apart the services' clocks may be (NTP keeps them far closer) before deadlines shorten. */
export const CLOCK_SKEW_ALLOWANCE_MS = 1_000;

/** A point on this process's clock (Date.now()) past which nobody waits for the answer; null for none. */
export type Deadline = number | null;

const readInteger = (headerValue: string | string[] | undefined, digits: number): number | null => {
  const value = Array.isArray(headerValue) ? headerValue[0] : headerValue;
  return value !== undefined && new RegExp(`^\\d{1,${digits}}$`).test(value) ? Number(value) : null;
};

/**
 * The deadline a request carries, on this process's clock: its remaining time counted from now, or
 * the caller's clock reading (plus the skew allowance) when that comes first. Null when it carries
 * no readable remaining time.
 */
export function deadlineFrom(remaining: string | string[] | undefined, at?: string | string[], now = Date.now()): Deadline {
  const remainingMs = readInteger(remaining, 9);
  if (remainingMs === null) return null;
  const atMs = readInteger(at, 15);
  return Math.min(now + remainingMs, atMs === null ? Infinity : atMs + CLOCK_SKEW_ALLOWANCE_MS);
}

/** What to send on: the milliseconds left, never negative. */
export function remainingMs(deadline: number, now = Date.now()): number {
  return Math.max(0, Math.round(deadline - now));
}

/** The earlier of a request's deadline and a step's own limit, as a point in time. */
export function earlierDeadline(deadline: Deadline, limitMs: number, now = Date.now()): number {
  return deadline === null ? now + limitMs : Math.min(deadline, now + limitMs);
}

export const deadlineExceeded = (what: string): DomainError =>
  new DomainError('DEADLINE_EXCEEDED', `The request ran out of time before ${what}; nothing was changed, try again`);

/** Throws DEADLINE_EXCEEDED when nobody waits any more for what would come next. */
export function assertTimeLeft(deadline: Deadline, what: string, now = Date.now()): void {
  if (deadline !== null && now >= deadline) throw deadlineExceeded(what);
}
