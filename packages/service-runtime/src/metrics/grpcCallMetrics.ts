// How long gRPC calls take and how they end, on the calling and the serving side, by service,
// method and status: interceptors on every client connectPeer makes and on createGrpcServer's
// server, so unary calls and streams alike are counted without each handler doing it.
import { InterceptingCall, ResponderBuilder, ServerInterceptingCall, type Interceptor, type ServerInterceptor } from '@grpc/grpc-js';
import { Histogram, type Registry } from 'prom-client';
import { grpcMethodOf, grpcStatusName } from '../grpcCallNames.js';

type CallLabel = 'service' | 'method' | 'code';

export interface GrpcCallMetrics {
  client: Histogram<CallLabel>;
  server: Histogram<CallLabel>;
}

export function grpcCallMetrics(registry: Registry): GrpcCallMetrics {
  return {
    client: new Histogram({
      name: 'ledgerline_grpc_client_call_duration_seconds',
      help: 'gRPC calls this service made, by service, method and status code (a stream counts when it ends).',
      labelNames: ['service', 'method', 'code'],
      registers: [registry],
    }),
    server: new Histogram({
      name: 'ledgerline_grpc_server_call_duration_seconds',
      help: 'gRPC calls this service answered, by service, method and status code (a stream counts when it ends).',
      labelNames: ['service', 'method', 'code'],
      registers: [registry],
    }),
  };
}

const secondsSince = (started: number): number => (performance.now() - started) / 1000;

/** For connectPeer's clients: every call, timed from its start to the status it ends with. */
export function timedClientCalls(histogram: GrpcCallMetrics['client']): Interceptor {
  return (options, nextCall) => {
    const call = grpcMethodOf(options.method_definition.path);
    const started = performance.now();
    return new InterceptingCall(nextCall(options), {
      start(metadata, _listener, next) {
        next(metadata, {
          onReceiveStatus(received, nextStatus) {
            histogram.observe({ ...call, code: grpcStatusName(received.code) }, secondsSince(started));
            nextStatus(received);
          },
        });
      },
    });
  };
}

/** For createGrpcServer: every call, timed from its arrival to the status it is answered with. */
export function timedServerCalls(histogram: GrpcCallMetrics['server']): ServerInterceptor {
  return (method, incoming) => {
    const call = grpcMethodOf(method.path);
    const started = performance.now();
    const responder = new ResponderBuilder()
      .withSendStatus((sent, next) => {
        histogram.observe({ ...call, code: grpcStatusName(sent.code) }, secondsSince(started));
        next(sent);
      })
      .build();
    return new ServerInterceptingCall(incoming, responder);
  };
}
