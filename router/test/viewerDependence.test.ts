// Which subscribers of a group may share one read of an event: only those whose selection reads
// the same for every member. A wrong "shared" would show one member's private data to another.
import { buildSchema, getOperationAST, parse, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { clientSchemaSdl } from '../src/clientSchema.js';
import { groupEventQuery } from '../src/subscriptions/groupEventQuery.js';
import { sharingOf } from '../src/subscriptions/viewerDependence.js';

const schema: GraphQLSchema = buildSchema(clientSchemaSdl());

function sharing(subscription: string, variables: Record<string, unknown>, viewerId: number) {
  const document = parse(subscription);
  return sharingOf(schema, groupEventQuery(schema, document, getOperationAST(document)!, variables))(viewerId);
}

const PUBLIC =
  'subscription P($g: ID!) { groupSavingsProgress(groupId: $g) { sequence contribution { amount contributor { id username } } } }';

describe('sharing of event reads between subscribers', () => {
  it('shares a selection of group-wide fields and public profile fields between viewers', () => {
    const [alice, bob] = [sharing(PUBLIC, { g: '7' }, 1), sharing(PUBLIC, { g: '7' }, 2)];
    expect(alice.scope).toBe('shared');
    expect(alice.key).toBe(bob.key);
  });

  it("reads a contributor's email once per viewer", () => {
    const email = 'subscription E($g: ID!) { groupSavingsProgress(groupId: $g) { contribution { contributor { email } } } }';
    const [alice, bob] = [sharing(email, { g: '7' }, 1), sharing(email, { g: '7' }, 2)];
    expect(alice.scope).toBe('viewer');
    expect(alice.key).not.toBe(bob.key);
    expect(sharing(email, { g: '7' }, 1).key).toBe(alice.key);
  });

  it('finds a private field inside a fragment too', () => {
    const viaFragment = `
      subscription F($g: ID!) { groupSavingsProgress(groupId: $g) { contribution { contributor { ...Who } } } }
      fragment Who on User { username email }`;
    expect(sharing(viaFragment, { g: '7' }, 1).scope).toBe('viewer');
  });

  it('keeps different selections and different variables apart, and ignores the order of variables', () => {
    const small = 'subscription P($g: ID!) { groupSavingsProgress(groupId: $g) { sequence } }';
    expect(sharing(small, { g: '7' }, 1).key).not.toBe(sharing(PUBLIC, { g: '7' }, 1).key);
    const conditional =
      'subscription C($g: ID!, $withAmount: Boolean!, $s: Int) { groupSavingsProgress(groupId: $g, since: $s) { sequence contribution @include(if: $withAmount) { amount } } }';
    const withAmount = sharing(conditional, { g: '7', withAmount: true }, 1);
    expect(withAmount.key).not.toBe(sharing(conditional, { g: '7', withAmount: false }, 1).key);
    expect(withAmount.key).toBe(sharing(conditional, { withAmount: true, g: '7', s: null }, 2).key);
  });
});
