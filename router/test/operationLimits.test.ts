import {
  buildSchema,
  getIntrospectionQuery,
  Kind,
  parse,
  print,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLError,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import * as sdkDocuments from '../../clients/web-sdk/src/generated/graphql.js';
import { exitReportOf, reportedProblems } from '../../test/support/configTesting.js';
import { apiSchemaSdl } from '../src/clientSchema.js';
import { readConfig, type OperationLimitSettings } from '../src/config.js';
import { operationCost } from '../src/operationLimits/operationCost.js';
import { tokenLimitErrorOr } from '../src/operationLimits/operationLimitError.js';
import { operationLimits } from '../src/operationLimits/operationLimits.js';
import { subgraphOwnership } from '../src/operationLimits/subgraphOwnership.js';
import * as restDocuments from '../src/rest/generated/graphql.js';
import { composeSupergraph, subgraphLocations } from '../src/supergraph.js';

const supergraphSdl = composeSupergraph(
  subgraphLocations({ user: 'http://user.invalid/graphql', finance: 'http://finance.invalid/graphql' }),
);
const schema = buildSchema(apiSchemaSdl(supergraphSdl));
const ownership = subgraphOwnership(supergraphSdl);

function limitsOfEnvironment(env: NodeJS.ProcessEnv = {}): OperationLimitSettings {
  const secrets = { JWT_SECRET: 'j'.repeat(32), ROUTER_SIGNING_SECRET: 's'.repeat(32), SERVICE_SIGNING_SECRET: 'g'.repeat(32) };
  return readConfig({ ...secrets, ...env }).operationLimits;
}
const defaultLimits = () => limitsOfEnvironment();

/** What the router answers a query text with, before planning: the limit errors, or none. */
function limitErrorsOf(text: string, settings: OperationLimitSettings): readonly GraphQLError[] {
  const limits = operationLimits(settings, supergraphSdl);
  let document: DocumentNode;
  try {
    document = parse(text, limits.parseOptions);
  } catch (error) {
    return [tokenLimitErrorOr(error as GraphQLError)];
  }
  return validate(schema, document, [...specifiedRules, ...limits.validationRules]);
}

const operationOf = (document: DocumentNode) => document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION)!;

/** The cost of a request sending `variables`; without them, as validation counts it. */
function costOf(text: string, variables?: Record<string, unknown>): number {
  const document = parse(text);
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [],
    ),
  );
  return operationCost(schema, ownership, operationOf(document), (name) => fragments.get(name), { variables });
}

/** What the router answers a request of `text` (valid, within the limits validation sees) sending `variables`. */
function refusalWithVariables(text: string, variables: Record<string, unknown>, settings = defaultLimits()) {
  const document = parse(text);
  return operationLimits(settings, supergraphSdl).refusalWithVariables({ schema, document, operation: operationOf(document), variables });
}

/** The bypass: a list sized by a variable whose default is 1, which the request sets to 500. */
const CONTRIBUTIONS_BY_VARIABLE =
  'query ($n: Int = 1) { me { savingsGroups { contributions(limit: $n) { id amount contributor { username } } } } }';

const documentsOf = (module: Record<string, unknown>): [string, DocumentNode][] =>
  Object.entries(module).filter((entry): entry is [string, DocumentNode] => (entry[1] as { kind?: unknown } | null)?.kind === 'Document');

const aliases = (count: number, selection: string) => Array.from({ length: count }, (_, index) => `a${index}: ${selection}`).join(' ');

describe('operation limits', () => {
  it('reads each limit from its variable', () => {
    const env = {
      MAX_OPERATION_DEPTH: '5',
      MAX_OPERATION_ALIASES: '6',
      MAX_OPERATION_TOKENS: '700',
      MAX_OPERATION_DIRECTIVES: '8',
      MAX_OPERATION_COST: '900',
    };
    expect(limitsOfEnvironment(env)).toEqual({ maxDepth: 5, maxAliases: 6, maxTokens: 700, maxDirectives: 8, maxCost: 900 });
  });

  const operations = [...documentsOf(sdkDocuments), ...documentsOf(restDocuments)];

  it('finds the SDK and REST operations to check', () => {
    expect(operations.map(([name]) => name)).toEqual(
      expect.arrayContaining(['DashboardDocument', 'SavingsGroupDocument', 'RestLoginDocument']),
    );
    expect(operations.length).toBeGreaterThan(30);
  });

  it.each(operations)('lets the %s operation through the default limits', (_name, document) => {
    expect(limitErrorsOf(print(document), defaultLimits())).toEqual([]);
  });

  it('refuses a token limit past what the parser can nest through', () => {
    const problems = reportedProblems(exitReportOf(() => limitsOfEnvironment({ MAX_OPERATION_TOKENS: '25000' })));
    expect(problems.map((line) => line.split(':')[0])).toEqual(['MAX_OPERATION_TOKENS']);
  });

  it("lets the GraphQL IDE's introspection query through the default limits", () => {
    expect(limitErrorsOf(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }), defaultLimits())).toEqual([]);
  });

  it('refuses each limit with OPERATION_LIMIT_EXCEEDED, naming the limit and its maximum', () => {
    const limits = defaultLimits();
    const overLimit = {
      depth: `{ me { ${'... on User { '.repeat(limits.maxDepth)} id ${'} '.repeat(limits.maxDepth)} } }`,
      aliases: `{ ${aliases(limits.maxAliases + 1, 'me { id }')} }`,
      directives: `{ me { ${Array.from({ length: limits.maxDirectives + 1 }, () => 'id @include(if: true)').join(' ')} } }`,
      tokens: `{ ${'me { id } '.repeat(limits.maxTokens / 4)} }`,
    };
    for (const [limit, text] of Object.entries(overLimit)) {
      const refusal = limitErrorsOf(text, limits).find((error) => error.extensions['limit'] === limit);
      expect(refusal?.extensions).toEqual({
        code: 'OPERATION_LIMIT_EXCEEDED',
        limit,
        maximum: limits[`max${limit[0]!.toUpperCase()}${limit.slice(1)}` as keyof OperationLimitSettings],
      });
    }
  });

  it('stops parsing 2,000 nested inline fragments at the token limit instead of recursing through them', () => {
    const text = `{ me { ${'... on User { '.repeat(2_000)} id ${'} '.repeat(2_000)} } }`;
    expect(limitErrorsOf(text, defaultLimits()).map((error) => error.extensions)).toEqual([
      { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'tokens', maximum: 2_000 },
    ]);
  });

  it('refuses 1,000 aliases of the financial summary by their cost alone', () => {
    const limits = { ...defaultLimits(), maxAliases: 100_000, maxTokens: 10_000 };
    const errors = limitErrorsOf(`{ ${aliases(1_000, 'me { financialSummary { net } }')} }`, limits);
    expect(errors.map((error) => error.extensions)).toEqual([{ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'cost', maximum: 5_000 }]);
  });
});

describe('operation cost', () => {
  it('charges a subgraph call for a root field and for a field another subgraph resolves', () => {
    expect(costOf('{ me { username } }')).toBe(1 + 10 + 1);
    expect(costOf('{ me { financialSummary { net } } }')).toBe(1 + 10 + (1 + 10) + 1);
  });

  it('multiplies the fields of a list by its limit but charges its entity fetch once', () => {
    expect(costOf('query ($id: ID!) { savingsGroup(id: $id) { contributions(limit: 50) { contributor { username } } } }')).toBe(
      1 + 10 + (1 + 50 * (1 + 1) + 10),
    );
  });

  it("reads a list size from the request's variable, then the variable's default, then the argument default, then assumes 10", () => {
    const byVariable = 'query ($n: Int = 3) { me { incomes(limit: $n) { id } } }';
    expect(costOf(byVariable, { n: 7 })).toBe(1 + 10 + 1 + 10 + 7);
    expect(costOf(byVariable, {})).toBe(1 + 10 + 1 + 10 + 3);
    expect(costOf('query ($n: Int) { me { incomes(limit: $n) { id } } }', {})).toBe(1 + 10 + 1 + 10 + 100);
    expect(costOf('{ me { incomes { id } } }')).toBe(1 + 10 + 1 + 10 + 100);
    expect(costOf('{ me { savingsGroups { id } } }')).toBe(1 + 10 + 1 + 10 + 10);
  });

  it('sizes a list by a null variable as by a missing one: the argument default', () => {
    expect(costOf('query ($n: Int = 3) { me { incomes(limit: $n) { id } } }', { n: null })).toBe(1 + 10 + 1 + 10 + 100);
  });

  it("counts a list a variable sizes as 1 while validating, whatever the variable's default, since a request can replace it", () => {
    expect(costOf('query ($n: Int = 500) { me { incomes(limit: $n) { id } } }')).toBe(1 + 10 + 1 + 10 + 1);
    expect(costOf('query ($n: Int) { me { incomes(limit: $n) { id } } }')).toBe(1 + 10 + 1 + 10 + 1);
  });

  it("counts a variable's value past the largest page as the largest page", () => {
    expect(costOf('query ($n: Int) { me { incomes(limit: $n) { id } } }', { n: 1_000_000 })).toBe(1 + 10 + 1 + 10 + 500);
  });

  it('counts a limit past the largest page as the largest page, so the subgraph refuses it naming the limit', () => {
    expect(costOf('{ me { incomes(limit: 10000) { id } } }')).toBe(1 + 10 + 1 + 10 + 500);
  });

  it('counts every alias as a path of its own', () => {
    expect(costOf(`{ ${aliases(3, 'me { financialSummary { net } }')} }`)).toBe(3 * 23);
  });

  it('stops counting once past the budget, however fragments are spread inside each other', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, level) =>
      level === levels - 1 ? `fragment F${level} on User { id }` : `fragment F${level} on User { ...F${level + 1} ...F${level + 1} }`,
    );
    const document = parse(`{ me { ...F0 } } ${fragments.join(' ')}`);
    const byName = new Map(
      document.definitions.flatMap((definition) =>
        definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [],
      ),
    );
    const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION)!;
    expect(operationCost(schema, ownership, operation, (name) => byName.get(name), { budget: 5_000 })).toBeLessThan(5_100);
  });
});

describe('the cost limit with the variables a request sends', () => {
  it('refuses a request whose variable sizes a list past the limit, though the default is 1 and validation lets the document through', () => {
    expect(limitErrorsOf(CONTRIBUTIONS_BY_VARIABLE, defaultLimits())).toEqual([]);
    expect(refusalWithVariables(CONTRIBUTIONS_BY_VARIABLE, { n: 500 })?.extensions).toEqual({
      code: 'OPERATION_LIMIT_EXCEEDED',
      limit: 'cost',
      maximum: 5_000,
    });
  });

  it('lets the same request through with a small value, or none (the default, 1)', () => {
    expect(refusalWithVariables(CONTRIBUTIONS_BY_VARIABLE, { n: 5 })).toBeNull();
    expect(refusalWithVariables(CONTRIBUTIONS_BY_VARIABLE, {})).toBeNull();
  });

  it('refuses a request that leaves out a variable whose default is over the limit', () => {
    expect(refusalWithVariables(CONTRIBUTIONS_BY_VARIABLE.replace('= 1', '= 500'), {})?.extensions?.['limit']).toBe('cost');
  });

  it('counts a list sized by a variable inside a fragment by the value sent', () => {
    const text = `query ($n: Int = 1) { me { ...Groups } }
      fragment Groups on User { savingsGroups { contributions(limit: $n) { id amount contributor { username } } } }`;
    expect(refusalWithVariables(text, { n: 500 })?.extensions?.['limit']).toBe('cost');
    expect(refusalWithVariables(text, { n: 5 })).toBeNull();
  });

  it("lets the SDK's Dashboard through with its default and as the web app sends it (300 a list), not at 500 a list", () => {
    const dashboard = print(sdkDocuments.DashboardDocument);
    const month = { from: '2026-11-01', to: '2026-11-30' };
    expect(refusalWithVariables(dashboard, month)).toBeNull();
    expect(refusalWithVariables(dashboard, { ...month, limit: 300 })).toBeNull();
    expect(refusalWithVariables(dashboard, { ...month, limit: 500 })?.extensions?.['limit']).toBe('cost');
  });
});
