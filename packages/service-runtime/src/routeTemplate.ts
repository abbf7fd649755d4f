// What traces and metrics name an HTTP request by: the route template that answered it
// (`/api/incomes/:id`), never its raw path, which carries ids.
import type { IncomingMessage } from 'node:http';

/** What Express leaves on a request it routed: where the router was mounted, and the route that matched. */
interface RoutedRequest extends IncomingMessage {
  baseUrl?: string;
  route?: { path?: unknown };
}

/** The template, e.g. "/graphql" or "/api/incomes/:id"; null when no route took the request. Read once it was answered. */
export function routeTemplateOf(request: IncomingMessage): string | null {
  const { baseUrl, route } = request as RoutedRequest;
  const routePath = typeof route?.path === 'string' ? route.path : '';
  const template = `${baseUrl ?? ''}${routePath}`;
  return template === '' ? null : template;
}
