// The GraphQL IDE a browser gets at GET /graphql in development: GraphiQL's UMD build and the
// React UMD files it runs on, served by the router from its own node_modules under /graphql-ide/,
// so it works offline and loads nothing from a CDN (Apollo Sandbox, Apollo Server's default, does).
// Production serves neither the page nor its assets (gateway.ts disables the landing page).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import express, { type Router } from 'express';

const ASSETS_PATH = '/graphql-ide';

/**
 * Where each IDE file is in node_modules. Resolved only when the IDE is mounted: graphiql and React are
 * development dependencies, absent from the production image, which serves no IDE.
 */
function assetFiles(): Record<string, string> {
  const require = createRequire(import.meta.url);
  // Through package.json: react and graphiql list their exports, and the UMD files are not among them.
  const reactDir = dirname(require.resolve('react/package.json'));
  const reactDomDir = dirname(require.resolve('react-dom/package.json'));
  const graphiqlDir = dirname(require.resolve('graphiql/package.json'));
  return {
    'react.production.min.js': join(reactDir, 'umd', 'react.production.min.js'),
    'react-dom.production.min.js': join(reactDomDir, 'umd', 'react-dom.production.min.js'),
    'graphiql.min.js': join(graphiqlDir, 'graphiql.min.js'),
    'graphiql.min.css': join(graphiqlDir, 'graphiql.min.css'),
  };
}

const PAGE = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>Ledgerline GraphQL IDE</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="${ASSETS_PATH}/graphiql.min.css">
    <link rel="stylesheet" href="${ASSETS_PATH}/ledgerline-ide.css">
  </head>
  <body>
    <div id="graphiql">Loading the GraphQL IDE…</div>
    <script src="${ASSETS_PATH}/react.production.min.js"></script>
    <script src="${ASSETS_PATH}/react-dom.production.min.js"></script>
    <script src="${ASSETS_PATH}/graphiql.min.js"></script>
    <script src="${ASSETS_PATH}/ledgerline-ide.js"></script>
  </body>
</html>
`;

const STYLE = `body { margin: 0; }
#graphiql { height: 100vh; }
`;

// Sends JSON POSTs to /graphql, which Apollo Server's CSRF prevention lets through. Subscriptions
// need a signed-in WebSocket: the web SDK's subscriptions client, not this page.
const STARTER_QUERY = `# Sign in with this mutation (email and password under Variables), then put
# {"Authorization": "Bearer <token>"} under Headers to run operations as that user.
mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    token
  }
}
`;
const INITIALIZER = `ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, {
    fetcher: GraphiQL.createFetcher({ url: '/graphql' }),
    defaultQuery: ${JSON.stringify(STARTER_QUERY)},
    defaultEditorToolsVisibility: true,
  }),
);
`;

/** Answers GET /graphql from a browser (Accept: text/html) with the IDE's page, as Apollo Server's landing page. */
export function graphqlIdeLandingPage(): ApolloServerPlugin {
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html: PAGE };
        },
      };
    },
  };
}

/** The IDE's scripts and styles, under /graphql-ide/. */
export function graphqlIdeAssets(): Router {
  const router = express.Router();
  router.get(`${ASSETS_PATH}/ledgerline-ide.js`, (_req, res) => {
    res.type('js').send(INITIALIZER);
  });
  router.get(`${ASSETS_PATH}/ledgerline-ide.css`, (_req, res) => {
    res.type('css').send(STYLE);
  });
  for (const [name, file] of Object.entries(assetFiles())) {
    router.get(`${ASSETS_PATH}/${name}`, (_req, res) => {
      res.sendFile(file, { maxAge: '1d' });
    });
  }
  return router;
}
