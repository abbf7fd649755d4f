// Routes live in the URL's hash (#/month/2026-11), so the built app needs no rewrite rules from
// whatever serves it: the router's /app/ and any static host alike.
import { useSyncExternalStore } from 'react';

export type Route =
  | { page: 'login' }
  | { page: 'register' }
  | { page: 'month'; month: string }
  | { page: 'groups' }
  | { page: 'group'; groupId: string }
  | { page: 'join'; inviteCode: string }
  | { page: 'not-found' };

/** "YYYY-MM" of today, in the user's time zone. */
export function currentMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function routeOf(hash: string): Route {
  const [page = '', argument = ''] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  switch (page) {
    case '':
      return { page: 'month', month: currentMonth() };
    case 'login':
      return { page: 'login' };
    case 'register':
      return { page: 'register' };
    case 'month':
      return MONTH.test(argument) ? { page: 'month', month: argument } : { page: 'not-found' };
    case 'groups':
      return argument ? { page: 'group', groupId: argument } : { page: 'groups' };
    case 'join':
      return { page: 'join', inviteCode: argument };
    default:
      return { page: 'not-found' };
  }
}

export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'login':
    case 'register':
    case 'groups':
      return `#/${route.page}`;
    case 'month':
      return `#/month/${route.month}`;
    case 'group':
      return `#/groups/${encodeURIComponent(route.groupId)}`;
    case 'join':
      return `#/join/${encodeURIComponent(route.inviteCode)}`;
    case 'not-found':
      return '#/';
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return routeOf(hash);
}
