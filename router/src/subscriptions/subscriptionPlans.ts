// From what a client sent to what its subscription runs: the parsed and validated document, and
// the plan every subscriber with the same operation and variables shares (the query its events
// are read with, and who may share that read). Both are kept, least recently used out, so the
// thousands of subscribers of a popular challenge cost one parse, one validation and one plan.
import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { tokenLimitErrorOr } from '../operationLimits/operationLimitError.js';
import type { OperationLimits } from '../operationLimits/operationLimits.js';
import { introspectionRules, withoutSuggestions } from '../operationLimits/schemaDetails.js';
import { groupEventQuery, type GroupEventQuery } from './groupEventQuery.js';
import { canonicalJson, sharingOf, type Sharing } from './viewerDependence.js';

export interface SubscriptionPlan {
  query: GroupEventQuery;
  sharingFor(viewerId: number): Sharing;
}

export type ValidatedDocument = { document: DocumentNode } | { errors: readonly GraphQLError[] };

export interface SubscriptionPlans {
  /** The document of a query text, validated against the schema, or the errors saying why not. */
  document(text: string): ValidatedDocument;
  /** The limit a request's variables decide, as /graphql checks it: the errors refusing the operation with these, or none. */
  limitErrors(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): readonly GraphQLError[];
  /** The plan of a validated subscription operation; a GraphQLError for one that is not a single groupSavingsProgress. */
  plan(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): SubscriptionPlan;
}

/** Distinct documents and plans kept; a busy router sees a handful (the SDK's operations, the raw route's). */
const MAX_KEPT = 500;

/** A map that forgets its least recently used entry past `limit`. */
function recentlyUsed<Value>(limit: number) {
  const entries = new Map<unknown, Value>();
  return {
    get(key: unknown): Value | undefined {
      const value = entries.get(key);
      if (value !== undefined) {
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set(key: unknown, value: Value): Value {
      entries.set(key, value);
      if (entries.size > limit) entries.delete(entries.keys().next().value);
      return value;
    },
  };
}

/** The same limits and schema details as /graphql over HTTP (gateway.ts). */
export interface DocumentRules extends OperationLimits {
  hideSchemaDetails: boolean;
}

export function subscriptionPlans(schema: GraphQLSchema, rules: DocumentRules): SubscriptionPlans {
  const validationRules = [...specifiedRules, ...introspectionRules(rules.hideSchemaDetails), ...rules.validationRules];
  const documents = recentlyUsed<ValidatedDocument>(MAX_KEPT);
  // Keyed by document object first: a document comes from `documents` (or is the raw route's constant).
  const plans = new WeakMap<DocumentNode, ReturnType<typeof recentlyUsed<SubscriptionPlan>>>();

  return {
    document(text) {
      const known = documents.get(text);
      if (known !== undefined) return known;
      let document: DocumentNode;
      try {
        document = parse(text, rules.parseOptions);
      } catch (error) {
        return documents.set(text, {
          errors: [error instanceof GraphQLError ? tokenLimitErrorOr(error) : new GraphQLError('The query could not be parsed')],
        });
      }
      const invalid = withoutSuggestions(validate(schema, document, validationRules), rules.hideSchemaDetails);
      return documents.set(text, invalid.length > 0 ? { errors: invalid } : { document });
    },
    limitErrors(document, operation, variables) {
      const refusal = rules.refusalWithVariables({ schema, document, operation, variables });
      return refusal === null ? [] : [refusal];
    },
    plan(document, operation, variables) {
      let ofDocument = plans.get(document);
      if (ofDocument === undefined) {
        ofDocument = recentlyUsed<SubscriptionPlan>(MAX_KEPT);
        plans.set(document, ofDocument);
      }
      const key = `${operation.name?.value ?? ''}\n${canonicalJson(variables)}`;
      const known = ofDocument.get(key);
      if (known !== undefined) return known;
      const query = groupEventQuery(schema, document, operation, variables);
      return ofDocument.set(key, { query, sharingFor: sharingOf(schema, query) });
    },
  };
}
