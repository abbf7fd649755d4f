import { GraphQLError, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { OperationLimitError, tokenLimitErrorOr } from '../src/operationLimits/operationLimitError.js';
import { formatRouterError } from '../src/routerErrorFormat.js';

/** How Apollo Server wraps a parse or validation error: its own code, the original kept as originalError. */
const wrappedByApollo = (original: GraphQLError, code: string) =>
  new GraphQLError(original.message, { originalError: original, extensions: { ...original.extensions, code } });

describe("the router's error format", () => {
  it('takes the subgraph name and its HTTP response out of a subgraph error', () => {
    const formatted = {
      message: 'Not a date',
      path: ['me', 'financialSummary'],
      extensions: { code: 'BAD_USER_INPUT', field: 'from', serviceName: 'finance', response: { url: 'http://finance:4002/graphql' } },
    };
    expect(formatRouterError(formatted, new GraphQLError('Not a date'))).toEqual({
      message: 'Not a date',
      path: ['me', 'financialSummary'],
      extensions: { code: 'BAD_USER_INPUT', field: 'from' },
    });
  });

  it('gives an operation over a limit its own code back from Apollo Server', () => {
    const error = wrappedByApollo(new OperationLimitError('aliases', 30), 'GRAPHQL_VALIDATION_FAILED');
    expect(
      formatRouterError(
        { message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'aliases', maximum: 30 } },
        error,
      ),
    ).toEqual({
      message: error.message,
      extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'aliases', maximum: 30 },
    });
  });

  it("gives a request refused with its variables its own answer, wrapped once or, by another copy of graphql's, twice", () => {
    const refusal = new OperationLimitError('cost', 5_000);
    const thrown = new GraphQLError(refusal.message, { originalError: refusal, extensions: { code: 'OPERATION_LIMIT_EXCEEDED' } });
    const formatted = { message: refusal.message, extensions: { code: 'OPERATION_LIMIT_EXCEEDED' } };
    const answer = { message: refusal.message, extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'cost', maximum: 5_000 } };
    expect(formatRouterError(formatted, thrown)).toEqual(answer);
    expect(formatRouterError(formatted, new GraphQLError(thrown.message, { originalError: thrown }))).toEqual(answer);
  });

  it("recognises graphql's own token limit among parse errors, and only it", () => {
    const parseError = (text: string) => {
      try {
        parse(text, { maxTokens: 5 });
      } catch (error) {
        return error as GraphQLError;
      }
      throw new Error('parsed');
    };
    const overTokens = wrappedByApollo(parseError('{ a b c d e f g }'), 'GRAPHQL_PARSE_FAILED');
    expect(formatRouterError({ message: overTokens.message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, overTokens).extensions).toEqual(
      {
        code: 'OPERATION_LIMIT_EXCEEDED',
        limit: 'tokens',
        maximum: 5,
      },
    );
    const syntax = parseError('{ a');
    expect(tokenLimitErrorOr(syntax)).toBe(syntax);
  });

  it('still masks an internal error', () => {
    expect(
      formatRouterError({ message: 'connect ECONNREFUSED 10.0.0.7:5432', extensions: { serviceName: 'user' } }, new Error('x')),
    ).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});
