// The original design's two routes of each finance resource: `POST /<resource>` adds a record of
// the caller's own, `GET /<resource>/{userId}` lists all of them. income.ts, expense.ts and
// savings.ts describe their names, schemas and operations; the routes are made here.
import { z } from 'zod';
import { idField, idInPath, idOf } from './fields.js';
import type { RunOperation } from './gatewayOperation.js';
import { defineRoute, type RestRoute } from './restRoute.js';
import { idFromGraphQL } from './scalars.js';

export interface FinanceResource<Body extends { userId: number }, Item, Row> {
  /** "/income": the POST path, and the list's path before `/{userId}`. */
  path: string;
  operationIds: { add: string; list: string };
  summaries: { add: string; list: string };
  /** The list's order, as the list route's description says it. */
  listOrder: string;
  /** The POST body, its `userId` made with `ownUserIdField`. */
  request: z.ZodObject & z.ZodType<Body>;
  added: { description: string; message: string; idKey: string; schemaId: string };
  listed: { key: string; item: z.ZodType<Item>; schemaId: string; description: string };
  /** Runs the GraphQL mutation; answers the new record's GraphQL id. */
  add: (body: Body, run: RunOperation) => Promise<string>;
  /** Every record of the user, through GraphQL. */
  list: (userId: number, run: RunOperation) => Promise<Row[]>;
  /** One GraphQL record as the list shows it. */
  toItem: (row: Row) => Item;
}

const OWN_USER_ID = 'Your own user id; another user’s answers 403.';

export const ownUserIdField = () => idField(OWN_USER_ID);

export function financeRecordRoutes<Body extends { userId: number }, Item, Row>(resource: FinanceResource<Body, Item, Row>): RestRoute[] {
  const { added, listed } = resource;
  const addRoute = defineRoute({
    method: 'post',
    path: resource.path,
    operationId: resource.operationIds.add,
    tag: 'Finance',
    summary: resource.summaries.add,
    auth: 'bearer',
    body: resource.request,
    idempotent: true,
    owner: { of: ({ body }) => body.userId, refusal: 'userId: you may only add records of your own' },
    success: {
      status: 201,
      description: added.description,
      schema: z
        .strictObject({ message: z.literal(added.message), [added.idKey]: idOf('The new record’s id.') })
        .meta({ id: added.schemaId }),
    },
    errors: ['FORBIDDEN'],
    async respond({ body }, run) {
      return { message: added.message, [added.idKey]: idFromGraphQL(await resource.add(body, run)) };
    },
  });
  const listRoute = defineRoute({
    method: 'get',
    path: `${resource.path}/{userId}`,
    operationId: resource.operationIds.list,
    tag: 'Finance',
    summary: resource.summaries.list,
    description: `Your own records only, ${resource.listOrder}.`,
    auth: 'bearer',
    params: z.object({ userId: idInPath(OWN_USER_ID) }),
    success: {
      status: 200,
      description: listed.description,
      schema: z.strictObject({ [listed.key]: z.array(listed.item) }).meta({ id: listed.schemaId }),
    },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    async respond({ params }, run) {
      return { [listed.key]: (await resource.list(params.userId, run)).map(resource.toItem) };
    },
  });
  return [addRoute, listRoute];
}
