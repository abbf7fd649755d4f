# One image per service, from one build: `docker build --target router -t ledgerline/router .` (likewise
# `user`, `finance`). Each runs as the distroless nonroot user (65532) with only its service's compiled
# JavaScript, production dependencies and run-time files, laid out as in the repository under /app.
# The router image also carries the web app's static build (clients/web-app/dist), which it serves at /app/.
# The user and finance images also carry their service's migrations and the runner:
# `docker run --rm -e USER_DATABASE_URL=... ledgerline/user prisma/dist/migrate.js user`.
#
# Base images are pinned by digest (taken from public repositories' pins: no Docker engine was at hand to
# pull them where this file was written). Update tag and digest together.

# ---- What `npm ci` reads: the lockfile and every workspace's manifest. Later stages copy the sources
# ---- only after installing, so the install layers stay cached until a manifest or the lockfile changes.
FROM node:20-bookworm-slim@sha256:2cf067cfed83d5ea958367df9f966191a942351a2df77d6f0193e162b5febfc0 AS manifests
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY docker/keepProductionDependencies.mjs docker/
COPY packages/identity/package.json packages/identity/
COPY packages/service-runtime/package.json packages/service-runtime/
COPY packages/launcher/package.json packages/launcher/
COPY prisma/package.json prisma/
COPY proto/package.json proto/
COPY subgraphs/user/package.json subgraphs/user/
COPY subgraphs/finance/package.json subgraphs/finance/
COPY router/package.json router/
COPY clients/web-sdk/package.json clients/web-sdk/
COPY clients/web-app/package.json clients/web-app/

# ---- Compile every service and build the web app (Vite). Install scripts stay off: the root postinstall
# ---- (`npm run generate`) needs the sources, so it runs after they are copied, and no dependency needs its own
# ---- (no native addons to compile; Vite's bundler comes prebuilt in a platform package, an optional dependency).
FROM manifests AS build
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts
COPY . .
RUN npm run generate && npm run build

# ---- Each service's production dependencies, without dev dependencies. `--omit=optional` and `--omit=peer`
# ---- leave out what npm 10 would otherwise keep for the dev tools (the prisma CLI and TypeScript, optional peers
# ---- of @prisma/client). npm ci installs every workspace's dependencies whatever --workspace names, so
# ---- keepProductionDependencies.mjs then removes what the named workspaces do not need, and the Prisma client
# ---- runtime's query compilers for other databases.
FROM manifests AS router-dependencies
# The subgraphs are the router's development dependencies (their SDL is composed at build time), so no
# Prisma client comes with it.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --omit=optional --omit=peer --ignore-scripts --workspace @ledgerline/router \
  && node docker/keepProductionDependencies.mjs @ledgerline/router \
  && rm -r package-lock.json .npmrc docker

FROM manifests AS user-dependencies
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --omit=optional --omit=peer --ignore-scripts \
    --workspace @ledgerline/user-subgraph --workspace @ledgerline/prisma \
  && node docker/keepProductionDependencies.mjs @ledgerline/user-subgraph @ledgerline/prisma \
  && rm -r package-lock.json .npmrc docker

FROM manifests AS finance-dependencies
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --omit=optional --omit=peer --ignore-scripts \
    --workspace @ledgerline/finance-subgraph --workspace @ledgerline/prisma \
  && node docker/keepProductionDependencies.mjs @ledgerline/finance-subgraph @ledgerline/prisma \
  && rm -r package-lock.json .npmrc docker

# ---- The router: GraphQL and REST on 4000, Prometheus metrics on 9464.
FROM gcr.io/distroless/nodejs20-debian12:nonroot@sha256:2cd820156cf039c8b54ae2d2a97e424b6729070714de8707a6b79f20d56f6a9a AS router
LABEL org.opencontainers.image.title="ledgerline/router" \
      org.opencontainers.image.description="Ledgerline's federated GraphQL gateway and REST routes"
WORKDIR /app
COPY --from=router-dependencies /app ./
COPY --from=build /app/packages/identity/dist packages/identity/dist/
COPY --from=build /app/packages/service-runtime/dist packages/service-runtime/dist/
COPY --from=build /app/proto/dist proto/dist/
COPY --from=build /app/proto/ledgerline proto/ledgerline/
# router/dist holds the supergraph `npm run build` composed (supergraph.graphql): the router composes nothing at start.
COPY --from=build /app/router/dist router/dist/
# Where the router's default WEB_APP_DIR (router/dist/../../clients/web-app/dist) finds the app's build.
COPY --from=build /app/clients/web-app/dist clients/web-app/dist/
ENV NODE_ENV=production HOST=0.0.0.0
EXPOSE 4000 9464
USER 65532:65532
# No shell or curl in distroless: Node itself asks. The port follows PORT, as the router does.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["/nodejs/bin/node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["router/dist/main.js"]

# ---- The User service: its subgraph on 4001, gRPC on 50051, metrics on 9465; and its migrations.
FROM gcr.io/distroless/nodejs20-debian12:nonroot@sha256:2cd820156cf039c8b54ae2d2a97e424b6729070714de8707a6b79f20d56f6a9a AS user
LABEL org.opencontainers.image.title="ledgerline/user" \
      org.opencontainers.image.description="Ledgerline's User subgraph and gRPC AccountService, with its database migrations"
WORKDIR /app
COPY --from=user-dependencies /app ./
COPY --from=build /app/packages/identity/dist packages/identity/dist/
COPY --from=build /app/packages/service-runtime/dist packages/service-runtime/dist/
COPY --from=build /app/proto/dist proto/dist/
COPY --from=build /app/proto/ledgerline proto/ledgerline/
COPY --from=build /app/prisma/dist prisma/dist/
COPY --from=build /app/prisma/user/schema.prisma prisma/user/
COPY --from=build /app/prisma/user/migrations prisma/user/migrations/
# subgraphs/user/dist holds the compiled Prisma client and the subgraph's schema.graphql.
COPY --from=build /app/subgraphs/user/dist subgraphs/user/dist/
ENV NODE_ENV=production HOST=0.0.0.0
EXPOSE 4001 50051 9465
USER 65532:65532
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["/nodejs/bin/node", "-e", "fetch('http://127.0.0.1:' + (process.env.USER_SUBGRAPH_PORT || 4001) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["subgraphs/user/dist/main.js"]

# ---- The Finance service: its subgraph on 4002, gRPC on 50052, metrics on 9466; and its migrations.
FROM gcr.io/distroless/nodejs20-debian12:nonroot@sha256:2cd820156cf039c8b54ae2d2a97e424b6729070714de8707a6b79f20d56f6a9a AS finance
LABEL org.opencontainers.image.title="ledgerline/finance" \
      org.opencontainers.image.description="Ledgerline's Finance subgraph and gRPC services, with its database migrations"
WORKDIR /app
COPY --from=finance-dependencies /app ./
COPY --from=build /app/packages/identity/dist packages/identity/dist/
COPY --from=build /app/packages/service-runtime/dist packages/service-runtime/dist/
COPY --from=build /app/proto/dist proto/dist/
COPY --from=build /app/proto/ledgerline proto/ledgerline/
COPY --from=build /app/prisma/dist prisma/dist/
COPY --from=build /app/prisma/finance/schema.prisma prisma/finance/
COPY --from=build /app/prisma/finance/migrations prisma/finance/migrations/
COPY --from=build /app/subgraphs/finance/dist subgraphs/finance/dist/
ENV NODE_ENV=production HOST=0.0.0.0
EXPOSE 4002 50052 9466
USER 65532:65532
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["/nodejs/bin/node", "-e", "fetch('http://127.0.0.1:' + (process.env.FINANCE_SUBGRAPH_PORT || 4002) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["subgraphs/finance/dist/main.js"]
