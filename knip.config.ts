// `npm run check:dependencies` (knip): every workspace package declares exactly what it imports.
// CI fails on an undeclared or an unused dependency.
import type { KnipConfig } from 'knip';

const config: KnipConfig = {
  workspaces: {
    '.': { entry: ['test/**/*.ts', '*.ts'], project: ['test/**/*.ts', '*.ts'] },
    'subgraphs/*': {
      // Imported by the Prisma client that `npm run generate` writes to the gitignored src/generated/.
      ignoreDependencies: ['@prisma/client'],
    },
    router: {
      // The /docs page serves this package's files, found with require.resolve, not imported.
      ignoreDependencies: ['swagger-ui-dist'],
    },
  },
};

export default config;
