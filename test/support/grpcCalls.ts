// Raw calls to Ledgerline's gRPC servers, as another service (with a credential) or as an
// outsider (without one) would make them, for tests of the servers' answers.
import { credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import { signServiceCredential } from '@ledgerline/identity';

/** Metadata with a service credential for `audience`, acting for `userId`. */
export function credentialMetadata(audience: string, secret: string, userId: number | null, caller = 'ledgerline-test'): Metadata {
  const metadata = new Metadata();
  metadata.set('authorization', `Bearer ${signServiceCredential({ caller, userId }, audience, secret)}`);
  return metadata;
}

type UnaryMethod<Request, Response> = (
  request: Request,
  metadata: Metadata,
  options: { deadline: number },
  callback: (error: ServiceError | null, response?: Response) => void,
) => unknown;

/** The response, or the ServiceError the call failed with. */
export function unaryCall<Request, Response>(
  method: UnaryMethod<Request, Response>,
  request: Request,
  metadata = new Metadata(),
): Promise<{ response?: Response; error?: ServiceError }> {
  return new Promise((resolve) => {
    method(request, metadata, { deadline: Date.now() + 5_000 }, (error, response) =>
      resolve(error === null ? { ...(response === undefined ? {} : { response }) } : { error }),
    );
  });
}

export const insecure = credentials.createInsecure;
