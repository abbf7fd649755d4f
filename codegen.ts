// graphql-codegen (`npm run codegen`): TypeScript types generated from the GraphQL schemas.
// - each subgraph's resolver types, from its own SDL, mapped onto its domain and Prisma models;
// - the web SDK's typed operations, from the router's client-facing schema (`npm run schema`).
// Everything lands in gitignored `generated/` folders; codegen fails when an SDK operation no
// longer validates against the composed schema, which is how CI catches schema drift.
import type { CodegenConfig } from '@graphql-codegen/cli';

/** What every subgraph's resolver types share: federation, the context, strict scalars. */
const subgraphResolverConfig = {
  federation: true,
  useTypeImports: true,
  strictScalars: true,
  // Enum values as string unions, so the domain's own 'DELETED' | 'PENDING' fits without a TS enum.
  enumsAsTypes: true,
  contextType: '@ledgerline/service-runtime#SubgraphContext',
  // Mapped models are imported as IncomeModel etc., beside the generated GraphQL type Income.
  mapperTypeSuffix: 'Model',
  scalars: {
    // Ids are PostgreSQL integers: resolvers return numbers, GraphQL serializes them as strings.
    ID: { input: 'string', output: 'string | number' },
    // Federation's own scalar for @key(fields: ...); resolvers never see it.
    _FieldSet: 'unknown',
  },
};

/**
 * Typed documents for operations a client sends to the router, checked against the composed
 * client-facing schema that `npm run schema` writes. An operation that no longer validates fails
 * codegen; a result read that no longer fits fails the type check.
 */
function clientOperations(documents: string) {
  return {
    schema: 'clients/web-sdk/schema.graphql',
    documents,
    preset: 'client' as const,
    presetConfig: { gqlTagName: 'graphql', fragmentMasking: false },
    config: {
      useTypeImports: true,
      strictScalars: true,
      enumsAsTypes: true,
      // What arrives over JSON: decimal strings for money, ISO strings for dates, string ids.
      scalars: { ID: 'string', Money: 'string', Date: 'string', DateTime: 'string' },
    },
  };
}

const config: CodegenConfig = {
  emitLegacyCommonJSImports: false,
  importExtension: '.js',
  generates: {
    'subgraphs/user/src/generated/graphql.ts': {
      schema: 'subgraphs/user/src/schema.graphql',
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        ...subgraphResolverConfig,
        scalars: { ...subgraphResolverConfig.scalars, DateTime: 'Date' },
        // Each subgraph's src/mappedModels.ts checks that a mapped model fits its GraphQL type.
        mappers: { User: './prisma/client.js#User' },
      },
    },
    'subgraphs/finance/src/generated/graphql.ts': {
      schema: 'subgraphs/finance/src/schema.graphql',
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        ...subgraphResolverConfig,
        scalars: {
          ...subgraphResolverConfig.scalars,
          // Inputs stay unknown on purpose: the scalars let anything through and the resolvers
          // read it with resolvers/arguments.ts, so a bad value is an error naming the argument.
          Money: { input: 'unknown', output: '../money.js#Money' },
          Date: { input: 'unknown', output: 'Date' },
          DateTime: 'Date',
        },
        mappers: {
          User: '../userReference.js#UserReference',
          SavingsGroup: './prisma/client.js#SavingsGroup',
          SavingsGroupMember: '../groups/groupMembers.js#GroupMember',
          SavingsGroupProgress: '../groups/groupProgress.js#SavingsGroupProgress',
          ContributorTotal: '../groups/groupProgress.js#ContributorTotal',
          GroupContribution: './prisma/client.js#GroupContribution',
          GroupSavingsEvent: '../groups/groupEvents.js#GroupSavingsEvent',
          Income: './prisma/client.js#Income',
          Expense: './prisma/client.js#Expense',
          SavingsGoal: './prisma/client.js#SavingsGoal',
          FinancialSummary: '../financialSummary.js#FinancialSummary',
        },
      },
    },
    'clients/web-sdk/src/generated/': clientOperations('clients/web-sdk/src/operations/*.ts'),
    // The router's REST routes run GraphQL operations through the gateway like any client.
    'router/src/rest/generated/': clientOperations('router/src/rest/operations/*.ts'),
  },
};

export default config;
