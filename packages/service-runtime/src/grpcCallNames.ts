// How a gRPC call is named in metrics and traces: its service and method from the call's path,
// its status by name.
import { status } from '@grpc/grpc-js';

/** "/ledgerline.user.v1.AccountService/CheckToken" → its service and method. */
export function grpcMethodOf(path: string): { service: string; method: string } {
  const [, service = 'unknown', method = 'unknown'] = path.split('/');
  return { service, method };
}

/** OK, UNAVAILABLE, DEADLINE_EXCEEDED ... */
export const grpcStatusName = (code: status): string => (status as unknown as Record<number, string | undefined>)[code] ?? 'UNKNOWN';
