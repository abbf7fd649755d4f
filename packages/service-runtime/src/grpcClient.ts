// How a service calls another over gRPC: a channel with keepalive and quick reconnects, retries
// with backoff for the methods that are safe to repeat (gRPC's own retry policy, in the service
// config), and every call with a deadline and a fresh service credential.
import {
  credentials,
  Metadata,
  type CallOptions,
  type ChannelCredentials,
  type ClientOptions,
  type ClientUnaryCall,
  type requestCallback,
} from '@grpc/grpc-js';
import { SERVICE_CREDENTIAL_METADATA, signServiceCredential } from '@ledgerline/identity';
import { earlierDeadline, type Deadline } from './deadlines.js';
import { errorFromFailedCall } from './grpcStatus.js';
import { tracedUnaryCalls } from './tracing/grpcSpans.js';
import { timedClientCalls, type GrpcCallMetrics } from './metrics/grpcCallMetrics.js';

export interface GrpcPeer {
  /** host:port */
  address: string;
  /** The full name of the gRPC service called, e.g. "ledgerline.user.v1.AccountService". */
  serviceName: string;
  /** How messages name the peer: "user", "finance". */
  label: string;
}

export interface GrpcCallerIdentity {
  /** This service's name, the credential's issuer. */
  name: string;
  secret: string;
}

type GeneratedClient<Client> = new (address: string, channelCredentials: ChannelCredentials, options: ClientOptions) => Client;

/**
 * A client of `peer` on its own channel. Only the methods listed as idempotent are retried, and
 * only when the peer was unreachable, so a call that may have run is never run twice. Every call
 * and stream is timed into `calls`.
 */
export function connectPeer<Client>(
  ClientClass: GeneratedClient<Client>,
  peer: GrpcPeer,
  idempotentMethods: string[],
  calls: GrpcCallMetrics,
): Client {
  const serviceConfig = {
    methodConfig: [
      {
        name: idempotentMethods.map((method) => ({ service: peer.serviceName, method })),
        retryPolicy: {
          maxAttempts: 3,
          initialBackoff: '0.1s',
          maxBackoff: '1s',
          backoffMultiplier: 2,
          retryableStatusCodes: ['UNAVAILABLE'],
        },
      },
    ],
  };
  return new ClientClass(peer.address, credentials.createInsecure(), {
    'grpc.service_config': JSON.stringify(serviceConfig),
    'grpc.keepalive_time_ms': 30_000,
    'grpc.keepalive_timeout_ms': 10_000,
    // A peer that restarts is found again within seconds, not gRPC's default two minutes.
    'grpc.initial_reconnect_backoff_ms': 250,
    'grpc.max_reconnect_backoff_ms': 5_000,
    interceptors: [tracedUnaryCalls, timedClientCalls(calls.client)],
  });
}

/** The generated client's method, with every argument given. */
type UnaryInvocation<Response> = (metadata: Metadata, options: CallOptions, callback: requestCallback<Response>) => ClientUnaryCall;

/**
 * The metadata of a call to `serviceName`: a credential naming this service and, when the call
 * acts for a user, that user. Signed afresh for each call or stream: a credential lives 30 s.
 */
export function credentialMetadata(serviceName: string, self: GrpcCallerIdentity, userId: number | null): Metadata {
  const metadata = new Metadata();
  const credential = signServiceCredential({ caller: self.name, userId }, serviceName, self.secret);
  metadata.set(SERVICE_CREDENTIAL_METADATA, `Bearer ${credential}`);
  return metadata;
}

/**
 * One call with a deadline (covering its retries) and a credential that names this service and,
 * when the call acts for a user, that user. The deadline is the method's own limit, or the
 * deadline of the request that makes the call when that comes first: gRPC sends it on to the
 * peer. A failure comes back as errorFromFailedCall says.
 */
export function callPeer<Response>(
  peer: GrpcPeer,
  self: GrpcCallerIdentity,
  call: { userId: number | null; deadlineMs: number; requestDeadline?: Deadline },
  invoke: UnaryInvocation<Response>,
): Promise<Response> {
  const metadata = credentialMetadata(peer.serviceName, self, call.userId);
  return new Promise((resolve, reject) => {
    invoke(metadata, { deadline: earlierDeadline(call.requestDeadline ?? null, call.deadlineMs) }, (error, response) => {
      if (error !== null || response === undefined) reject(errorFromFailedCall(error ?? new Error('empty gRPC response'), peer.label));
      else resolve(response);
    });
  });
}
