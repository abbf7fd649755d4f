// The signed-in session: the token from register or login, its expiry and who it belongs to. Kept
// in localStorage so a reload (or a second tab) stays signed in; it ends when the user signs out,
// when the token's expiry passes, or when the router refuses the token (expired or revoked).
import { useSyncExternalStore } from 'react';

export interface Session {
  token: string;
  /** ISO date-time from the API's `expiresAt`. */
  expiresAt: string;
  user: { id: string; username: string };
}

const STORAGE_KEY = 'ledgerline.session';
/** setTimeout's longest delay; a token lasting longer is checked again then. */
const LONGEST_TIMER_MS = 2_147_483_647;
export const SESSION_EXPIRED_MESSAGE = 'Your session has expired. Please sign in again.';

let current: Session | null = readStored();
/** Why the last session ended, for the sign-in page to say; cleared by the next sign-in. */
let endedBecause: string | null = null;
let expiryTimer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

function readStored(): Session | null {
  try {
    const stored = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? 'null') as Session | null;
    if (stored && typeof stored.token === 'string' && typeof stored.expiresAt === 'string' && stored.user) return stored;
  } catch {
    // A damaged entry is as good as none.
  }
  return null;
}

function changed(): void {
  scheduleExpiry();
  for (const listener of listeners) listener();
}

function scheduleExpiry(): void {
  clearTimeout(expiryTimer);
  if (!current) return;
  const left = Date.parse(current.expiresAt) - Date.now();
  if (left <= 0) {
    end(SESSION_EXPIRED_MESSAGE);
    return;
  }
  expiryTimer = setTimeout(scheduleExpiry, Math.min(left, LONGEST_TIMER_MS));
}

function end(reason: string | null): void {
  if (!current) return;
  current = null;
  endedBecause = reason;
  window.localStorage.removeItem(STORAGE_KEY);
  changed();
}

// Another tab signed in or out.
window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY) return;
  current = readStored();
  changed();
});

export const sessions = {
  current: (): Session | null => current,
  endedBecause: (): string | null => endedBecause,
  signIn(session: Session): void {
    current = session;
    endedBecause = null;
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    changed();
  },
  signOut(): void {
    end(null);
  },
  /** The router refused the token: it expired, or the account signed out everywhere. */
  expire(): void {
    end(SESSION_EXPIRED_MESSAGE);
  },
  // An arrow function: useSyncExternalStore calls it detached from `sessions`.
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

scheduleExpiry();

export function useSession(): Session | null {
  return useSyncExternalStore(sessions.subscribe, sessions.current);
}
