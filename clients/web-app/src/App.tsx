// Which page to show: sign-in pages without a session, the app's pages with one.
import { useEffect } from 'react';
import { LoginPage } from './auth/LoginPage.js';
import { RegisterPage } from './auth/RegisterPage.js';
import { MonthPage } from './dashboard/MonthPage.js';
import { GroupsPage } from './groups/GroupsPage.js';
import { GroupPage } from './groups/GroupPage.js';
import { JoinGroupPage } from './groups/JoinGroupPage.js';
import { useSessionCheck } from './auth/useSessionCheck.js';
import { AppHeader } from './layout/AppHeader.js';
import { Page } from './layout/Page.js';
import { currentMonth, hrefOf, navigate, useRoute, type Route } from './routing.js';
import { useSession } from './session/session.js';

export function App() {
  const session = useSession();
  const route = useRoute();
  const signedOutPage = route.page === 'login' || route.page === 'register';
  useSessionCheck();

  // Signed in on a sign-in page: on to the dashboard. Signed out anywhere else: sign in right there,
  // then that page shows (an invite link opened before signing in, say).
  useEffect(() => {
    if (session && signedOutPage) navigate({ page: 'month', month: currentMonth() });
  }, [session, signedOutPage]);

  if (!session) {
    return (
      <>
        <header className="app-header">
          <span className="brand">Ledgerline</span>
          <span className="tagline">Your month’s money, and saving together</span>
        </header>
        {route.page === 'register' ? <RegisterPage /> : <LoginPage />}
      </>
    );
  }
  return (
    <>
      <AppHeader session={session} route={route} />
      <SignedInPage route={route} />
    </>
  );
}

function SignedInPage({ route }: { route: Route }) {
  switch (route.page) {
    case 'month':
      return <MonthPage month={route.month} />;
    case 'groups':
      return <GroupsPage />;
    case 'group':
      return <GroupPage groupId={route.groupId} />;
    case 'join':
      return <JoinGroupPage inviteCode={route.inviteCode} />;
    case 'login':
    case 'register':
    case 'not-found':
      return (
        <Page title="Page not found">
          <p>
            There is nothing here. <a href={hrefOf({ page: 'month', month: currentMonth() })}>Go to this month’s dashboard</a>.
          </p>
        </Page>
      );
  }
}
