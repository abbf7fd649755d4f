// The User service's client of the Finance service's RecordErasureService: how a deletion has
// the user's finance records erased, over gRPC, never through Finance's tables.
import { financeV1, RECORD_ERASURE_SERVICE, type EraseUserRecordsResponse__Output } from '@ledgerline/proto';
import {
  callPeer,
  connectPeer,
  type Deadline,
  type GrpcCallerIdentity,
  type GrpcCallMetrics,
  type GrpcPeer,
} from '@ledgerline/service-runtime';

/** Erasing is one transaction on Finance's side; this leaves room for a large history and one retry. */
const ERASE_DEADLINE_MS = 10_000;

export interface RecordErasure {
  /**
   * Resolves once every finance record of the user is gone; throws SERVICE_UNAVAILABLE when Finance
   * is unreachable or does not finish by the request's deadline.
   */
  eraseRecordsOf(userId: number, requestDeadline?: Deadline): Promise<EraseUserRecordsResponse__Output>;
  close(): void;
}

export function financeRecordErasure(address: string, self: GrpcCallerIdentity, calls: GrpcCallMetrics): RecordErasure {
  const peer: GrpcPeer = { address, serviceName: RECORD_ERASURE_SERVICE, label: 'finance' };
  // Erasing is idempotent (a retry erases what is left), so the channel may retry it.
  const client = connectPeer(financeV1.RecordErasureService, peer, ['EraseUserRecords'], calls);
  return {
    eraseRecordsOf: (userId, requestDeadline = null) =>
      callPeer(peer, self, { userId, deadlineMs: ERASE_DEADLINE_MS, requestDeadline }, (metadata, options, callback) =>
        client.eraseUserRecords({}, metadata, options, callback),
      ),
    close: () => client.close(),
  };
}
