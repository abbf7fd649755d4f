// A stored session may have ended while the page was closed (expired, signed out everywhere):
// ask the router once when the app opens with it, so the user hears at once rather than at their
// first change. A refused token ends the session through the api (api/ledgerline.ts).
import { useEffect } from 'react';
import { MeDocument } from '@ledgerline/web-sdk';
import { api } from '../api/ledgerline.js';
import { sessions } from '../session/session.js';

export function useSessionCheck(): void {
  useEffect(() => {
    // A session begun on this page (or in another tab) carries a token just issued: nothing to ask.
    if (sessions.current() === null) return;
    // Any other failure (the network, say) leaves the session as it is: the pages report those.
    api.query(MeDocument).catch(() => undefined);
  }, []);
}
