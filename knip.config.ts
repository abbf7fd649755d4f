// `npm run check:dependencies` (knip): every workspace package declares exactly what it imports.
// CI fails on an undeclared or an unused dependency. It runs twice: over all files, then over the
// production files alone with --strict, where only a package's own `dependencies` count, so code
// cannot lean on a package that only the root or a test declares.
import type { KnipConfig } from 'knip';

const config: KnipConfig = {
  // Started by the cache outage test (test/support/redisServerProcess.ts), which is skipped where it is not installed.
  ignoreBinaries: ['redis-server'],
  workspaces: {
    '.': {
      entry: ['test/**/*.ts', '*.ts'],
      project: ['test/**/*.ts', '*.ts', 'bench/**/*.ts'],
      // The Compose specification's JSON schema, which the compose test reads from the package's files.
      ignoreDependencies: ['dclint'],
    },
    'subgraphs/*': {
      // Imported by the Prisma client that `npm run generate` writes to the gitignored src/generated/.
      ignoreDependencies: ['@prisma/client'],
    },
    'clients/web-sdk': {
      // Type-only, but named by the SDK's public types, so its users need it installed.
      ignoreDependencies: ['@graphql-typed-document-node/core'],
    },
    'packages/launcher': {
      // From source, each service runs as `node --conditions=@ledgerline/source --import tsx <entry>` (serviceProcess.ts): a loader, not an import.
      ignoreDependencies: ['tsx'],
    },
    router: {
      // The /docs page serves this package's files, found with require.resolve, not imported. The GraphQL IDE's
      // files likewise, and only outside production: graphiql and React are development dependencies, which
      // the production image leaves out (graphqlIde.ts resolves them only when the IDE is mounted).
      // The subgraphs' SDL files too, found only to compose the supergraph (at build time, or at start from
      // source): the compiled router loads the composed artifact, so its image carries neither subgraph.
      ignoreDependencies: [
        'swagger-ui-dist',
        'graphiql',
        'react',
        'react-dom',
        '@ledgerline/user-subgraph',
        '@ledgerline/finance-subgraph',
      ],
    },
  },
};

export default config;
