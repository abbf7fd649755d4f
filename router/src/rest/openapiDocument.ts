// The OpenAPI 3.1 document of the REST routes, generated from the same zod schemas and route
// definitions that serve them (@asteasolutions/zod-to-openapi).
import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { errorBodyOf, errorBodySchema, MEANING_OF, statusOf, type RestErrorCode } from './errorModel.js';
import { z } from 'zod';
import { possibleErrors, type RestRoute } from './restRoute.js';

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const DESCRIPTION = `The REST routes of Ledgerline's original design, served by the router next to /graphql.
Each runs a GraphQL operation through the gateway, so authentication, authorization and
validation are the GraphQL API's own.

- **Authentication**: every route but register and login needs \`Authorization: Bearer <token>\`
  with the token from \`POST /user/login\`. A user reads and writes only their own records.
- **Amounts** are JSON numbers with at most 2 fractional digits, stored exactly (decimal, not float).
- **Dates** are ISO 8601 calendar dates, \`"YYYY-MM-DD"\`.
- **Errors** all have one shape, \`{ "error": { "code", "message", "details"? } }\`; \`code\` is
  stable and the same as GraphQL's \`extensions.code\`. An unknown route answers 404 NOT_FOUND,
  a known route with another method 405 METHOD_NOT_ALLOWED. A service behind the router that is
  down answers 503 SUBGRAPH_UNAVAILABLE, one too slow 504 SUBGRAPH_TIMEOUT.
- **Retrying writes**: the POST routes that add records take an \`Idempotency-Key\` header (a
  UUID, say). Sent again with the same key and body while the key is kept (24 hours unless the
  deployment sets IDEMPOTENCY_KEY_RETENTION_HOURS), the route answers what it answered the first time and writes nothing more; the same key with another body answers 422
  IDEMPOTENCY_KEY_REUSED. A write that timed out (504) is safe to retry this way.`;

const idempotencyKeyHeader = z.object({
  'Idempotency-Key': z.string().min(1).max(255).optional().meta({
    description:
      'Any 1 to 255 printable ASCII characters, new for each new write (a UUID). A retry with the same key and body while the key is kept (24 hours by default) answers as the first request did, without writing again.',
    example: '6f1c0f9e-2b7a-4d1e-9c55-0a8f3b2e7d41',
  }),
});

export function openApiDocument(routes: RestRoute[]): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  const bearerAuth = registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'The token from POST /user/login.',
  });
  for (const route of routes) {
    registry.registerPath({
      method: route.method,
      path: route.path,
      operationId: route.operationId,
      tags: [route.tag],
      summary: route.summary,
      ...(route.description === undefined ? {} : { description: route.description }),
      security: route.auth === 'bearer' ? [{ [bearerAuth.name]: [] }] : [],
      request: {
        ...(route.params === undefined ? {} : { params: route.params }),
        ...(route.idempotent === true ? { headers: idempotencyKeyHeader } : {}),
        ...(route.body === undefined ? {} : { body: { required: true, content: { 'application/json': { schema: route.body } } } }),
      },
      responses: {
        [route.success.status]: {
          description: route.success.description,
          content: { 'application/json': { schema: route.success.schema } },
        },
        ...errorResponses(possibleErrors(route)),
      },
    });
  }
  // The Error schema also describes what no route documents: an unknown route's 404, a 405.
  return new OpenApiGeneratorV31([...registry.definitions, { type: 'schema', schema: errorBodySchema }]).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Ledgerline REST API', version: '1.0.0', description: DESCRIPTION },
    tags: [
      { name: 'User', description: 'Accounts, login and profiles (User subgraph).' },
      { name: 'Finance', description: 'Incomes, expenses and savings goals (Finance subgraph).' },
    ],
  });
}

/** Codes whose answers carry a Retry-After header. */
const SAYS_WHEN_TO_RETRY = new Set<RestErrorCode>(['TOO_MANY_REQUESTS', 'SERVICE_BUSY']);

const retryAfter = z
  .string()
  .meta({ description: 'Whole seconds to wait before trying again (with TOO_MANY_REQUESTS or SERVICE_BUSY).', example: '5' });

/** Retry-After, required when every code of the response carries it (a 503 may also be SUBGRAPH_UNAVAILABLE, which does not). */
function retryAfterHeaderFor(codes: RestErrorCode[]) {
  if (!codes.some((code) => SAYS_WHEN_TO_RETRY.has(code))) return {};
  const always = codes.every((code) => SAYS_WHEN_TO_RETRY.has(code));
  return { headers: z.object({ 'Retry-After': always ? retryAfter : retryAfter.optional() }) };
}

/** One response per status, listing the codes that share it. */
function errorResponses(codes: RestErrorCode[]): Record<number, ResponseConfig> {
  const byStatus = new Map<number, RestErrorCode[]>();
  for (const code of codes) byStatus.set(statusOf(code), [...(byStatus.get(statusOf(code)) ?? []), code]);
  const responses: Record<number, ResponseConfig> = {};
  for (const [status, [first, ...more]] of [...byStatus].sort(([a], [b]) => a - b)) {
    if (first === undefined) continue;
    responses[status] = {
      description: [first, ...more].map((code) => `- \`${code}\`: ${MEANING_OF[code]}`).join('\n'),
      ...retryAfterHeaderFor([first, ...more]),
      content: { 'application/json': { schema: errorBodyOf([first, ...more]) } },
    };
  }
  return responses;
}
