// What the tiers' global set-ups hand to their tests through vitest's inject().
declare module 'vitest' {
  export interface ProvidedContext {
    /** Both tiers: the database made for the run, migrated (schemas `users` and `finance`). */
    databaseUrl: string;
    /** e2e only: the running stack. */
    routerUrl: string;
    userSubgraphUrl: string;
    financeSubgraphUrl: string;
    routerSigningSecret: string;
    jwtSecret: string;
    serviceSigningSecret: string;
    /** host:port of each subgraph's gRPC server. */
    userGrpcAddress: string;
    financeGrpcAddress: string;
    /** Each service's GET /metrics, on its metrics port. */
    routerMetricsUrl: string;
    userMetricsUrl: string;
    financeMetricsUrl: string;
    /** The Redis the stack's services share events and revocations on (REDIS_URL), or null without one. */
    redisUrl: string | null;
    /** The stack's REDIS_KEY_PREFIX. */
    redisKeyPrefix: string;
  }
}

export {};
