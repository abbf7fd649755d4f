// The example web app (clients/web-app) at /app/, from its built files: the page itself is always
// asked for again (so a new build shows at once), the hashed assets it names are kept for a year.
// The page may load only its own files and call only this origin, which it reaches same-origin.
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import express, { type Router } from 'express';
import type { Logger } from '@ledgerline/service-runtime';

export const WEB_APP_PATH = '/app';

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // 'self' covers ws:// and wss:// to this same host, where the live updates come from.
  "connect-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** The routes serving the app, or null when `directory` holds no build (logged, so the reason is clear). */
export function webApp(directory: string, log: Logger): Router | null {
  if (!existsSync(join(directory, 'index.html'))) {
    log.warn(
      { directory },
      `no web app build at ${directory}, so ${WEB_APP_PATH}/ is not served (npm run build --workspace @ledgerline/web-app)`,
    );
    return null;
  }
  const assetsDirectory = join(directory, 'assets') + sep;
  const routes = express.Router();
  routes.use(WEB_APP_PATH, (_req, res, next) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  routes.use(
    WEB_APP_PATH,
    express.static(directory, {
      index: 'index.html',
      // /app (no slash) → /app/, so the page's relative asset paths resolve under /app/.
      redirect: true,
      fallthrough: true,
      setHeaders(res, path) {
        const hashed = path.startsWith(assetsDirectory);
        res.setHeader('Cache-Control', hashed ? `public, max-age=${ONE_YEAR_SECONDS}, immutable` : 'no-cache');
      },
    }),
  );
  // A browser opening the router's root gets the app; an API client asking for `/` keeps the REST
  // answer (404 in the REST error model), which the original API gives.
  routes.get('/', (req, res, next) => {
    if (!(req.headers.accept ?? '').includes('text/html')) return next();
    res.redirect(302, `${WEB_APP_PATH}/`);
  });
  return routes;
}
