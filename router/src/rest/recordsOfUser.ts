// The list routes promise all of a user's records; GraphQL serves them in pages of at most 500.
import { knownUser } from './errorModel.js';
import type { RunOperation } from './gatewayOperation.js';

const PAGE_SIZE = 500;

/**
 * Runs `document` (variables $userId, $limit, $offset; `user(id: $userId) { <field>(...) }`) page
 * after page until one comes back short. An unknown user is a 404; another user's a 403, from GraphQL.
 */
export async function recordsOfUser<Item>(run: RunOperation, document: string, field: string, userId: number): Promise<Item[]> {
  const items: Item[] = [];
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const { user } = await run<{ user: Record<string, Item[]> | null }>(document, { userId: String(userId), limit: PAGE_SIZE, offset });
    const page = knownUser(user)[field];
    if (page === undefined) throw new Error(`The operation did not ask for user.${field}`);
    items.push(...page);
    if (page.length < PAGE_SIZE) return items;
  }
}
