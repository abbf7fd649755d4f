// The bar on every signed-in page: where to go, who is signed in, and signing out.
import { sessions, type Session } from '../session/session.js';
import { currentMonth, hrefOf, type Route } from '../routing.js';

export function AppHeader({ session, route }: { session: Session; route: Route }) {
  const onDashboard = route.page === 'month';
  const onGroups = route.page === 'groups' || route.page === 'group' || route.page === 'join';
  return (
    <header className="app-header">
      <a className="skip-link" href="#content" onClick={skipToContent}>
        Skip to content
      </a>
      <span className="brand">Ledgerline</span>
      <nav aria-label="Main">
        <ul>
          <li>
            <a href={hrefOf({ page: 'month', month: currentMonth() })} aria-current={onDashboard ? 'page' : undefined}>
              Dashboard
            </a>
          </li>
          <li>
            <a href={hrefOf({ page: 'groups' })} aria-current={onGroups ? 'page' : undefined}>
              Group challenges
            </a>
          </li>
        </ul>
      </nav>
      <span className="signed-in-as">Signed in as {session.user.username}</span>
      <button type="button" className="secondary" onClick={() => sessions.signOut()}>
        Sign out
      </button>
    </header>
  );
}

// The hash holds the route, so the skip link moves focus itself instead of changing the hash.
function skipToContent(event: React.MouseEvent<HTMLAnchorElement>): void {
  event.preventDefault();
  document.querySelector<HTMLElement>('#content h1')?.focus();
}
