// The one error an operation over a limit gets, over HTTP (400) and WebSocket alike:
// OPERATION_LIMIT_EXCEEDED, with the limit it broke and that limit's maximum in its extensions.
import { GraphQLError, type ASTNode, type GraphQLFormattedError } from 'graphql';

export const OPERATION_LIMIT_EXCEEDED = 'OPERATION_LIMIT_EXCEEDED';

export type OperationLimitName = 'depth' | 'aliases' | 'tokens' | 'directives' | 'cost';

const WHAT_IS_TOO_MUCH: Record<OperationLimitName, (maximum: number) => string> = {
  depth: (maximum) => `nests selections more than ${maximum} levels deep (fragments count as a level)`,
  aliases: (maximum) => `uses more than ${maximum} aliases`,
  tokens: (maximum) => `is longer than ${maximum} tokens`,
  directives: (maximum) => `uses more than ${maximum} directives`,
  cost: (maximum) => `has an estimated cost over ${maximum} (its fields, times the lists they are in, plus every call to a subgraph)`,
};

export class OperationLimitError extends GraphQLError {
  constructor(
    readonly limit: OperationLimitName,
    readonly maximum: number,
    nodes?: ASTNode,
  ) {
    super(`The operation ${WHAT_IS_TOO_MUCH[limit](maximum)}, so it was not run: split it or ask for less`, {
      ...(nodes === undefined ? {} : { nodes }),
      // No HTTP status here: Apollo Server answers every parse and validation error with 400.
      extensions: { code: OPERATION_LIMIT_EXCEEDED, limit, maximum },
    });
  }
}

/**
 * graphql-js stops parsing at `maxTokens` with a plain syntax error (no code of its own, graphql
 * 16.x): this is its message ("more that", sic, in 16.15), the only way to tell it from any
 * other syntax error. The unit test parses past the limit, so a reworded message fails it.
 */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more tha[nt] (\d+) tokens\. Parsing aborted\.$/;

/** The limit error for a parse that stopped at the token limit; the error itself for any other. */
export function tokenLimitErrorOr<Parsing extends { message: string }>(error: Parsing): Parsing | OperationLimitError {
  const maximum = TOKEN_LIMIT_MESSAGE.exec(error.message)?.[1];
  return maximum === undefined ? error : new OperationLimitError('tokens', Number(maximum));
}

/** Errors wrapping errors, at most: Apollo Server's wrapper, around refuseCostlyRequests' wrapper, around the limit's error. */
const MOST_WRAPPERS = 2;

/**
 * The limit error behind an error Apollo Server hands back, or null. Apollo Server wraps validation
 * and parse errors in its own (GRAPHQL_VALIDATION_FAILED, GRAPHQL_PARSE_FAILED), ours kept as the
 * original error, and wraps a plugin's error again when it comes from another copy of graphql than
 * its own (as under Vitest, which loads graphql's ES module build for our code and the CommonJS
 * one for Apollo Server): so the originals are followed. No `instanceof GraphQLError`, for the same reason.
 */
function limitErrorBehind(error: unknown): OperationLimitError | null {
  let cause = error;
  for (let wrappers = 0; cause instanceof Error && wrappers <= MOST_WRAPPERS; wrappers++) {
    const limitError = cause instanceof OperationLimitError ? cause : tokenLimitErrorOr(cause);
    if (limitError instanceof OperationLimitError) return limitError;
    cause = 'originalError' in cause ? cause.originalError : undefined;
  }
  return null;
}

/** An operation over a limit with its own code again, as Apollo Server answered it; null for any other error. */
export function operationLimitAnswer(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | null {
  const original = limitErrorBehind(error);
  if (original === null) return null;
  return {
    message: original.message,
    ...(formatted.locations === undefined ? {} : { locations: formatted.locations }),
    extensions: { code: OPERATION_LIMIT_EXCEEDED, limit: original.limit, maximum: original.maximum },
  };
}
