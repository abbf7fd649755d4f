// One Prometheus registry per service (not prom-client's global one), so two services in one
// process (the tests) count apart; Node's process metrics and the gRPC call histograms come with it.
import { collectDefaultMetrics, Registry } from 'prom-client';
import { grpcCallMetrics, type GrpcCallMetrics } from './grpcCallMetrics.js';

export interface ServiceMetrics {
  registry: Registry;
  grpcCalls: GrpcCallMetrics;
}

export function serviceMetrics(): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return { registry, grpcCalls: grpcCallMetrics(registry) };
}
