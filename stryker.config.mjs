// StrykerJS (`npm run test:mutation`, not part of CI: it takes minutes): how many realistic one-line
// bugs in the rules that guard money, identity and ownership the unit and integration tiers catch.
// The score is in the README; the report lands in reports/mutation/.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  concurrency: 2,
  mutate: [
    // The Finance domain: owned records, their rules, ownership and the summary.
    'subgraphs/finance/src/{ownedRecords,ownedRecordTables,datesWithin,recordRules,ownership,financialSummary,summaryTotals,money,calendarDate}.ts',
    // The User domain: account rules, registration and login.
    'subgraphs/user/src/{accountRules,accounts,userTable}.ts',
    // Identity: tokens, router assertions, ids; and how subgraphs and the router read them.
    'packages/identity/src/*.ts',
    'packages/service-runtime/src/{subgraphContext,maskInternalErrors,DomainError,requestId}.ts',
    'router/src/context.ts',
    // The REST mapping: routes, fields, scalars, errors, paging.
    'router/src/rest/{restRoute,financeRecordRoutes,recordsOfUser,fields,scalars,errorModel,gatewayOperation}.ts',
  ],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  timeoutMS: 20_000,
  tempDirName: '.stryker-tmp',
};
