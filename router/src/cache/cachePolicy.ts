// What the router caches, for whom, for how long, and which writes invalidate it: the whole
// response cache policy, in one place. README "Caching" says the same in prose.

/** What a cached response holds, each invalidated on its own. */
export type CachedKind = 'profile' | 'summary';

export const CACHED_KINDS: readonly CachedKind[] = ['profile', 'summary'];

/**
 * Raised whenever the shape or meaning of a cached entry changes, so no replica reads an entry
 * written by code that meant something else. A changed supergraph changes keys on its own.
 */
export const RESPONSE_CACHE_VERSION = 1;

/** How long an entry lives when nothing invalidates it: the staleness bound when an invalidation is lost. */
export const TIME_TO_LIVE_SECONDS: Record<CachedKind, number> = {
  profile: 600,
  summary: 300,
};

/**
 * Only the caller's own data is cached, and only these fields of it: a query is cached when it
 * reads nothing but these, on the caller reached through `me` or `user(id: <the caller>)`.
 * A field maps to the kind it belongs to, or null for what never changes (the id itself).
 * A kind covers the whole selection under its field.
 */
export const CACHED_USER_FIELDS: Record<string, CachedKind | null> = {
  __typename: null,
  id: null,
  username: 'profile',
  email: 'profile',
  createdAt: 'profile',
  financialSummary: 'summary',
};

/** Root fields that reach the caller: `me`, or `user` when its `id` argument is the caller's. */
export const VIEWER_ROOT_FIELDS: Record<string, { viewerArgument: string } | 'viewer'> = {
  me: 'viewer',
  user: { viewerArgument: 'id' },
};

/**
 * What each mutation changes of its caller's cached data. Every mutation of the supergraph is
 * listed (a test checks it); one that is not, added later, invalidates everything of its caller.
 * Savings goals and group activity are in no cached response: financial summaries count incomes
 * and expenses only (contributions to a group are savings, not spending).
 */
export const INVALIDATED_BY: Record<string, readonly CachedKind[]> = {
  register: [],
  login: [],
  updateProfile: ['profile'],
  signOutEverywhere: CACHED_KINDS,
  // The account's other sessions read what they read before; the ended one is refused at the edge.
  logout: [],
  changePassword: CACHED_KINDS,
  deleteAccount: CACHED_KINDS,
  addIncome: ['summary'],
  updateIncome: ['summary'],
  deleteIncome: ['summary'],
  addExpense: ['summary'],
  updateExpense: ['summary'],
  deleteExpense: ['summary'],
  createSavingsGoal: [],
  updateSavingsGoal: [],
  deleteSavingsGoal: [],
  createSavingsGroup: [],
  joinSavingsGroup: [],
  leaveSavingsGroup: [],
  revokeInviteCode: [],
  contributeToGroup: [],
};

/** The kinds a mutation's root fields change; everything for a field the policy does not know. */
export function kindsChangedBy(mutationFields: readonly string[]): CachedKind[] {
  const changed = new Set<CachedKind>();
  for (const field of mutationFields) {
    for (const kind of INVALIDATED_BY[field] ?? CACHED_KINDS) changed.add(kind);
  }
  return CACHED_KINDS.filter((kind) => changed.has(kind));
}

/** An entry holding several kinds lives as long as the shortest-lived of them. */
export function timeToLiveOf(kinds: readonly CachedKind[]): number {
  return Math.min(...kinds.map((kind) => TIME_TO_LIVE_SECONDS[kind]));
}
