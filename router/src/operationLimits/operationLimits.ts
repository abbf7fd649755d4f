// The router's operation limits, defined once and applied by Apollo Server to /graphql over HTTP
// (gateway.ts) and by the WebSocket server to what arrives over graphql-ws (subscriptionPlans.ts):
// a token limit while parsing (so the parser never works or recurses without bound), then depth,
// aliases and directives (GraphQL Armor's rules) and the fan-out aware cost as validation rules,
// which run before the gateway plans anything. Validation never sees a request's variables, so
// the cost is checked again with them once the operation is known (refuseCostlyRequests.ts over
// Apollo Server, subscriptionServer.ts over graphql-ws), still before anything is planned.
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { ParseOptions, ValidationContext, ValidationRule } from 'graphql';
import type { OperationLimitSettings } from '../config.js';
import { costRefusal, maxCostRule, type OperationRequest } from './operationCost.js';
import { OperationLimitError, type OperationLimitName } from './operationLimitError.js';
import { subgraphOwnership } from './subgraphOwnership.js';

export interface OperationLimits {
  parseOptions: ParseOptions;
  validationRules: ValidationRule[];
  /** The limit only a request's variables decide (the size of a list a variable sets): the error refusing the request, or null. */
  refusalWithVariables(request: OperationRequest): OperationLimitError | null;
}

/**
 * Armor's options for one limit: report our own error through the validation context instead of
 * Armor's (which has no code and would be thrown out of graphql's validate).
 */
function armorOptions(limit: OperationLimitName, maximum: number) {
  const report = (context: ValidationContext | null) => context?.reportError(new OperationLimitError(limit, maximum));
  return { n: maximum, propagateOnRejection: false, onReject: [report] };
}

export function operationLimits(settings: OperationLimitSettings, supergraphSdl: string): OperationLimits {
  const ownership = subgraphOwnership(supergraphSdl);
  return {
    parseOptions: { maxTokens: settings.maxTokens },
    validationRules: [
      // Inline fragments and spreads count as a level each, so nesting them is no way around the limit.
      maxDepthRule({ ...armorOptions('depth', settings.maxDepth), flattenFragments: false }),
      maxAliasesRule(armorOptions('aliases', settings.maxAliases)),
      maxDirectivesRule(armorOptions('directives', settings.maxDirectives)),
      maxCostRule(ownership, settings.maxCost),
    ],
    refusalWithVariables: (request) => costRefusal(ownership, settings.maxCost, request),
  };
}
