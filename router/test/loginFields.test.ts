import { Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loginFieldsOf } from '../src/loginThrottle/loginFields.js';

function loginsIn(query: string, variables?: Record<string, unknown>) {
  const document = parse(query);
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (operation === undefined) throw new Error('no operation');
  return loginFieldsOf(operation, document, variables);
}

describe('the logins of an operation', () => {
  it('reads the email from a literal or from a variable', () => {
    expect(loginsIn('mutation { login(email: "Ada@Example.com", password: "x") { token } }')).toEqual([
      { responseKey: 'login', email: 'Ada@Example.com' },
    ]);
    expect(loginsIn('mutation L($e: String!) { login(email: $e, password: "x") { token } }', { e: 'bo@example.com' })).toEqual([
      { responseKey: 'login', email: 'bo@example.com' },
    ]);
  });

  it('finds each login under its alias, in inline fragments and in named fragments', () => {
    const query = `mutation { a: login(email: "a@x.io", password: "x") { token } ... on Mutation { b: login(email: "b@x.io", password: "y") { token } } ...More }
      fragment More on Mutation { c: login(email: "c@x.io", password: "z") { token } }`;
    expect(loginsIn(query).map(({ responseKey }) => responseKey)).toEqual(['a', 'b', 'c']);
  });

  it('has no email for one it cannot read, and no logins in a query', () => {
    expect(loginsIn('mutation L($e: String) { login(email: $e, password: "x") { token } }', {})).toEqual([
      { responseKey: 'login', email: null },
    ]);
    expect(loginsIn('query { login }')).toEqual([]);
  });
});
