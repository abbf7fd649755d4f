// A gRPC method of ours as a plain async function of the request, the verified caller and the
// call's deadline. The wrapper refuses a call without a valid service credential
// (UNAUTHENTICATED), or one whose deadline has already passed, before the handler runs, and
// answers any error in the one status table (grpcStatus.ts).
import { context } from '@opentelemetry/api';
import { Metadata, status, type handleUnaryCall, type ServerUnaryCall } from '@grpc/grpc-js';
import {
  bearerTokenOf,
  InvalidTokenError,
  SERVICE_CREDENTIAL_METADATA,
  verifyServiceCredential,
  type ServiceCredential,
} from '@ledgerline/identity';
import type { Logger } from 'pino';
import { assertTimeLeft, type Deadline } from './deadlines.js';
import { DomainError } from './DomainError.js';
import { grpcStatusOf } from './grpcStatus.js';
import { endRpcSpan, serverRpcSpan } from './tracing/grpcSpans.js';

export interface GrpcHandlerSettings {
  /** The full name of the service the handlers belong to: credentials must be made out to it. */
  serviceName: string;
  secret: string;
  log: Logger;
}

export function credentialOf(metadata: Metadata, serviceName: string, secret: string): ServiceCredential {
  const [value] = metadata.get(SERVICE_CREDENTIAL_METADATA);
  const token = typeof value === 'string' ? bearerTokenOf(value) : undefined;
  if (token === undefined)
    throw new DomainError('UNAUTHENTICATED', 'missing service credential: send "authorization: Bearer <credential>"');
  try {
    return verifyServiceCredential(token, serviceName, secret);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw new DomainError('UNAUTHENTICATED', error.reason);
    throw error;
  }
}

/** When the caller stops waiting (the deadline it sent, on this clock), or null when it sent none. */
function deadlineOf(call: ServerUnaryCall<unknown, unknown>): Deadline {
  const deadline = call.getDeadline();
  const ms = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(ms) ? ms : null;
}

export function unaryHandler<Request, Response>(
  settings: GrpcHandlerSettings,
  handle: (request: Request, caller: ServiceCredential, deadline: Deadline) => Promise<Response>,
): handleUnaryCall<Request, Response> {
  return (call: ServerUnaryCall<Request, Response>, callback) => {
    const started = performance.now();
    const method = call.getPath();
    let caller: ServiceCredential;
    const deadline = deadlineOf(call);
    try {
      caller = credentialOf(call.metadata, settings.serviceName, settings.secret);
      assertTimeLeft(deadline, 'it started');
    } catch (error) {
      settings.log.warn({ method, err: error }, 'gRPC call refused');
      callback(grpcStatusOf(error));
      return;
    }
    const traced = serverRpcSpan(method, call.metadata);
    const handled =
      traced === null ? handle(call.request, caller, deadline) : context.with(traced.context, () => handle(call.request, caller, deadline));
    handled.then(
      (response) => {
        settings.log.debug({ method, caller: caller.caller, ms: Math.round(performance.now() - started) }, 'gRPC call');
        if (traced !== null) endRpcSpan(traced.span, status.OK);
        callback(null, response);
      },
      (error: unknown) => {
        const answer = grpcStatusOf(error);
        if (traced !== null) endRpcSpan(traced.span, answer.code ?? status.UNKNOWN, answer.details);
        if (answer.code === status.INTERNAL) settings.log.error({ method, err: error }, 'gRPC call failed');
        else if (answer.code === status.UNAVAILABLE)
          settings.log.warn({ method, err: error }, 'gRPC call failed: a dependency is unavailable');
        callback(answer);
      },
    );
  };
}
