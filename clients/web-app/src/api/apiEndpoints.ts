// Where the router is. Served by the router (its /app/), the app calls the same origin; built for
// another host, VITE_LEDGERLINE_API_URL names the router's origin at build time, and the router
// lists the app's origin in CORS_ORIGINS.
const configuredOrigin: string | undefined = import.meta.env['VITE_LEDGERLINE_API_URL'] as string | undefined;

const apiOrigin = configuredOrigin ? configuredOrigin.replace(/\/+$/, '') : window.location.origin;

export const graphqlHttpUrl = `${apiOrigin}/graphql`;
export const graphqlWebSocketUrl = graphqlHttpUrl.replace(/^http/, 'ws');
