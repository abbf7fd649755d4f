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

/**
 * Apollo Server hands validation and parse errors back under its own codes
 * (GRAPHQL_VALIDATION_FAILED, GRAPHQL_PARSE_FAILED), keeping ours as the original error: this
 * gives an operation over a limit its own code again, or null for any other error. No
 * `instanceof GraphQLError`: Apollo Server's errors may come from another copy of graphql.
 */
export function operationLimitAnswer(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | null {
  const cause: unknown = error instanceof Error && 'originalError' in error ? error.originalError : undefined;
  if (!(cause instanceof Error)) return null;
  const original = cause instanceof OperationLimitError ? cause : tokenLimitErrorOr(cause);
  if (!(original instanceof OperationLimitError)) return null;
  return {
    message: original.message,
    ...(formatted.locations === undefined ? {} : { locations: formatted.locations }),
    extensions: { code: OPERATION_LIMIT_EXCEEDED, limit: original.limit, maximum: original.maximum },
  };
}
