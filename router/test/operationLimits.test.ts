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

function costOf(text: string): number {
  const document = parse(text);
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [],
    ),
  );
  return operationCost(schema, ownership, operation, (name) => fragments.get(name));
}

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

  it('reads a list size from the variable default, then the argument default, then assumes 10', () => {
    expect(costOf('query ($n: Int = 3) { me { incomes(limit: $n) { id } } }')).toBe(1 + 10 + 1 + 10 + 3);
    expect(costOf('{ me { incomes { id } } }')).toBe(1 + 10 + 1 + 10 + 100);
    expect(costOf('{ me { savingsGroups { id } } }')).toBe(1 + 10 + 1 + 10 + 10);
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
    expect(operationCost(schema, ownership, operation, (name) => byName.get(name), 5_000)).toBeLessThan(5_100);
  });
});
