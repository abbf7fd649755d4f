// The gRPC side every service shares: its own services behind a credential check, the standard
// grpc.health.v1 service, server reflection (v1 and v1alpha, for grpcurl and Postman), keepalive,
// and a shutdown that first says NOT_SERVING, then lets the calls in flight finish.
import { Server, ServerCredentials, type ServiceDefinition, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { loadSync, type PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation, protoPath as healthProtoPath } from 'grpc-health-check';
import type { Logger } from 'pino';
import type { ReadinessCheck } from './healthRoutes.js';
import { timedServerCalls, type GrpcCallMetrics } from './metrics/grpcCallMetrics.js';

export interface GrpcServiceBinding {
  /** Its full name, e.g. "ledgerline.user.v1.AccountService": the health status and credential audience. */
  name: string;
  definition: ServiceDefinition;
  implementation: UntypedServiceImplementation;
}

export interface GrpcServerOptions {
  services: GrpcServiceBinding[];
  /** The .proto files the services come from, for reflection. */
  contracts: PackageDefinition;
  /** Every call answered, health checks and reflection included, is timed into it. */
  calls: GrpcCallMetrics;
  log: Logger;
  /**
   * How long a caller's connection lives before the server asks it (GOAWAY) to open a new one for its next
   * calls; streams already open go on. Behind a Kubernetes Service a caller's one HTTP/2 connection pins all
   * its calls to one replica: a new connection lands anywhere, so new replicas take their share. Unset: forever.
   */
  maxConnectionAgeMs?: number;
}

export interface GrpcServer {
  /** Binds the port (0 picks a free one) and answers SERVING; resolves with the port bound. */
  listen(host: string, port: number): Promise<number>;
  /** Passes between listen() and drain(): part of the service's /readyz. */
  readonly readiness: ReadinessCheck;
  /**
   * NOT_SERVING at once, so health checks and load balancers turn away, then after `noticeMs`
   * no new calls; resolves once the calls in flight have finished, or cuts them off after `graceMs`.
   */
  drain(noticeMs: number, graceMs: number): Promise<void>;
}

// Clients ping idle connections to notice a dead peer; the server accepts pings this often
// (gRPC's default would answer a client's 30 s keepalive with GOAWAY "too many pings").
const SERVER_OPTIONS = {
  'grpc.keepalive_time_ms': 60_000,
  'grpc.keepalive_timeout_ms': 20_000,
  'grpc.http2.min_ping_interval_without_data_ms': 10_000,
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.max_receive_message_length': 1024 * 1024,
};

export function createGrpcServer(options: GrpcServerOptions): GrpcServer {
  const connectionAge = options.maxConnectionAgeMs === undefined ? {} : { 'grpc.max_connection_age_ms': options.maxConnectionAgeMs };
  const server = new Server({ ...SERVER_OPTIONS, ...connectionAge, interceptors: [timedServerCalls(options.calls.server)] });
  // '' is the whole server, as Kubernetes' gRPC probe and grpc_health_probe ask by default.
  const healthNames = ['', ...options.services.map((service) => service.name)];
  const health = new HealthImplementation(Object.fromEntries(healthNames.map((name) => [name, 'NOT_SERVING'])));
  const setStatus = (status: 'SERVING' | 'NOT_SERVING') => healthNames.forEach((name) => health.setStatus(name, status));
  health.addToServer(server);
  new ReflectionService({ ...options.contracts, ...loadSync(healthProtoPath) }).addToServer(server);
  for (const service of options.services) server.addService(service.definition, service.implementation);
  let serving = false;

  return {
    readiness: {
      name: 'grpc',
      check: () => (serving ? Promise.resolve() : Promise.reject(new Error('gRPC server is not serving'))),
    },
    listen: (host, port) =>
      new Promise((resolve, reject) => {
        server.bindAsync(`${host}:${port}`, ServerCredentials.createInsecure(), (error, boundPort) => {
          if (error !== null) {
            reject(error);
            return;
          }
          serving = true;
          setStatus('SERVING');
          resolve(boundPort);
        });
      }),
    async drain(noticeMs, graceMs) {
      serving = false;
      setStatus('NOT_SERVING');
      await new Promise((resolve) => setTimeout(resolve, noticeMs));
      await new Promise<void>((resolve) => {
        const cutOff = setTimeout(() => {
          options.log.warn('gRPC calls still running after the grace period: cutting them off');
          server.forceShutdown();
          resolve();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(cutOff);
          resolve();
        });
      });
    },
  };
}
