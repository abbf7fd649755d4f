// The response cache policy: which queries may be cached and what each write invalidates. A
// query wrongly called cacheable could serve stale or foreign data; a mutation missing from the
// policy would leave a cached answer stale after it.
import { buildSchema, getOperationAST, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { cacheableQuery, readsOnlyViewer } from '../src/cache/cacheableQuery.js';
import { CACHED_USER_FIELDS, INVALIDATED_BY, kindsChangedBy, timeToLiveOf } from '../src/cache/cachePolicy.js';
import { clientSchemaSdl } from '../src/clientSchema.js';

const schema: GraphQLSchema = buildSchema(clientSchemaSdl());

function analysed(query: string) {
  const document = parse(query);
  return cacheableQuery(document, getOperationAST(document)!);
}

describe('which queries are cached', () => {
  it.each([
    ['your profile', '{ me { id username email createdAt } }', ['profile']],
    ['your summary', '{ me { financialSummary(from: "2026-01-01") { net expensesByCategory { category total } } } }', ['summary']],
    [
      'both, through fragments and aliases',
      'query { me { ...P } } fragment P on User { name: username ... on User { s: financialSummary { net } } }',
      ['profile', 'summary'],
    ],
  ])('caches %s', (_name, query, kinds) => {
    expect(analysed(query)?.kinds).toEqual(kinds);
  });

  it.each([
    ['a list of records', '{ me { username incomes { id } } }'],
    ['a group', '{ savingsGroup(id: "1") { name } }'],
    ['another root field beside me', '{ me { username } savingsGroupEvents(groupId: "1", after: 0) { sequence } }'],
    ['nothing but ids', '{ me { id __typename } }'],
    ['a mutation', 'mutation { updateProfile(username: "ada") { username } }'],
    ['user(id) with the id from an object', '{ user(id: "1") { username } u2: user(id: 2) { email } }'],
    ['introspection', '{ __schema { queryType { name } } }'],
  ])('does not cache %s', (name, query) => {
    // 'user(id) with …' is cacheable by shape; whether it is the caller's own is decided per request.
    if (name.startsWith('user(id)')) expect(analysed(query)).not.toBeNull();
    else expect(analysed(query)).toBeNull();
  });

  it('caches user(id) only when every id is the caller’s, literal or variable', () => {
    const literal = analysed('{ user(id: "7") { username } }')!;
    const variable = analysed('query($id: ID!) { user(id: $id) { email } }')!;
    expect(readsOnlyViewer(literal, 7, {})).toBe(true);
    expect(readsOnlyViewer(literal, 8, {})).toBe(false);
    expect(readsOnlyViewer(variable, 7, { id: '7' })).toBe(true);
    expect(readsOnlyViewer(variable, 7, { id: 7 })).toBe(true);
    expect(readsOnlyViewer(variable, 7, { id: '8' })).toBe(false);
    expect(readsOnlyViewer(variable, 7, {})).toBe(false);
    const twoUsers = analysed('{ a: user(id: "7") { username } b: user(id: "8") { username } }')!;
    expect(readsOnlyViewer(twoUsers, 7, {})).toBe(false);
  });

  it('knows every field of User it may cache, and caches no other', () => {
    const user = schema.getType('User');
    if (!isObjectType(user)) throw new Error('User is an object type');
    const userFields = Object.keys(user.getFields());
    const uncached = userFields.filter((field) => !(field in CACHED_USER_FIELDS));
    expect(uncached.sort()).toEqual(['expenses', 'groupContributions', 'incomes', 'savingsGoals', 'savingsGroups']);
  });
});

describe('what writes invalidate', () => {
  it('names every mutation of the supergraph, so a new one has to be decided on', () => {
    const mutations = Object.keys(schema.getMutationType()!.getFields()).sort();
    expect(Object.keys(INVALIDATED_BY).sort()).toEqual(mutations);
  });

  it('invalidates what a write changes, and everything for a mutation it does not know', () => {
    expect(kindsChangedBy(['addIncome'])).toEqual(['summary']);
    expect(kindsChangedBy(['updateProfile', 'deleteExpense'])).toEqual(['profile', 'summary']);
    expect(kindsChangedBy(['contributeToGroup', 'createSavingsGoal'])).toEqual([]);
    expect(kindsChangedBy(['deleteAccount'])).toEqual(['profile', 'summary']);
    expect(kindsChangedBy(['somethingNew'])).toEqual(['profile', 'summary']);
  });

  it('keeps an entry of several kinds no longer than its shortest-lived kind', () => {
    expect(timeToLiveOf(['profile', 'summary'])).toBe(Math.min(timeToLiveOf(['profile']), timeToLiveOf(['summary'])));
  });
});
