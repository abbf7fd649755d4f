// A gRPC method of ours as a plain async function of the request and the verified caller. The
// wrapper refuses a call without a valid service credential (UNAUTHENTICATED) before the handler
// runs, and answers any error in the one status table (grpcStatus.ts).
import { Metadata, status, type handleUnaryCall, type ServerUnaryCall } from '@grpc/grpc-js';
import {
  bearerTokenOf,
  InvalidTokenError,
  SERVICE_CREDENTIAL_METADATA,
  verifyServiceCredential,
  type ServiceCredential,
} from '@ledgerline/identity';
import type { Logger } from 'pino';
import { DomainError } from './DomainError.js';
import { grpcStatusOf } from './grpcStatus.js';

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

export function unaryHandler<Request, Response>(
  settings: GrpcHandlerSettings,
  handle: (request: Request, caller: ServiceCredential) => Promise<Response>,
): handleUnaryCall<Request, Response> {
  return (call: ServerUnaryCall<Request, Response>, callback) => {
    const started = performance.now();
    const method = call.getPath();
    let caller: ServiceCredential;
    try {
      caller = credentialOf(call.metadata, settings.serviceName, settings.secret);
    } catch (error) {
      settings.log.warn({ method, err: error }, 'gRPC call refused');
      callback(grpcStatusOf(error));
      return;
    }
    handle(call.request, caller).then(
      (response) => {
        settings.log.debug({ method, caller: caller.caller, ms: Math.round(performance.now() - started) }, 'gRPC call');
        callback(null, response);
      },
      (error: unknown) => {
        const answer = grpcStatusOf(error);
        if (answer.code === status.INTERNAL) settings.log.error({ method, err: error }, 'gRPC call failed');
        callback(answer);
      },
    );
  };
}
