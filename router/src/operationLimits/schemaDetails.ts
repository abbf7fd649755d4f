// In production the router tells clients nothing about its schema they did not ask for by name:
// no introspection, no "Did you mean ...?" in validation errors. Over HTTP Apollo Server does
// this (gateway.ts: introspection, hideSchemaDetailsFromClientErrors); these are the same two
// rules for the documents the WebSocket server validates itself.
import { GraphQLError, NoSchemaIntrospectionCustomRule, type ValidationRule } from 'graphql';

/** Apollo Server's own pattern (ApolloServerPluginDisableSuggestions), so both paths strip the same text. */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

export function introspectionRules(hideSchemaDetails: boolean): ValidationRule[] {
  return hideSchemaDetails ? [NoSchemaIntrospectionCustomRule] : [];
}

export function withoutSuggestions(errors: readonly GraphQLError[], hideSchemaDetails: boolean): readonly GraphQLError[] {
  if (!hideSchemaDetails) return errors;
  return errors.map((error) =>
    SUGGESTION.test(error.message)
      ? new GraphQLError(error.message.replace(SUGGESTION, ''), {
          nodes: error.nodes ?? null,
          extensions: error.extensions,
          ...(error.originalError === undefined ? {} : { originalError: error.originalError }),
        })
      : error,
  );
}
