// The list routes promise all of a user's records; GraphQL serves them in pages of at most 500.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { knownUser } from './errorModel.js';
import type { RunOperation } from './gatewayOperation.js';

const PAGE_SIZE = 500;

type PageVariables = { userId: string; limit: number; offset: number };

/**
 * Runs `document` page after page until one comes back short. An unknown user is a 404; another
 * user's a 403, from GraphQL.
 */
export async function recordsOfUser<User, Item>(
  run: RunOperation,
  document: TypedDocumentNode<{ user?: User | null }, PageVariables>,
  /** Null only with an error beside it (the Finance service did not answer), which `run` has thrown already. */
  itemsOf: (user: User) => Item[] | null,
  userId: number,
): Promise<Item[]> {
  const items: Item[] = [];
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const { user } = await run(document, { userId: String(userId), limit: PAGE_SIZE, offset });
    const page = itemsOf(knownUser(user ?? null));
    if (page === null) throw new Error('GraphQL answered null records without an error');
    items.push(...page);
    if (page.length < PAGE_SIZE) return items;
  }
}
