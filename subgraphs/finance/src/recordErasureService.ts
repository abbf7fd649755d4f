// The Finance service's gRPC API (ledgerline.finance.v1.RecordErasureService), as the User service calls it.
import { financeV1, RECORD_ERASURE_SERVICE, type EraseUserRecordsResponse, type RecordErasureServiceHandlers } from '@ledgerline/proto';
import { badInput, unaryHandler, type GrpcServiceBinding, type Logger } from '@ledgerline/service-runtime';
import type { FinanceDatabase } from './db.js';
import { eraseUserRecords } from './recordErasure.js';
import type { EventAnnouncer } from './groups/outboxRelay.js';

export function recordErasureService(db: FinanceDatabase, relay: EventAnnouncer, secret: string, log: Logger): GrpcServiceBinding {
  const settings = { serviceName: RECORD_ERASURE_SERVICE, secret, log };
  const implementation: RecordErasureServiceHandlers = {
    EraseUserRecords: unaryHandler<unknown, EraseUserRecordsResponse>(settings, async (_request, credential, deadline) => {
      if (credential.userId === null) throw badInput('credential', 'must name the user whose records are erased');
      const erased = await eraseUserRecords(db, credential.userId, deadline);
      // The user's groups heard they left: their subscriptions end now, not at the next poll.
      relay.wake();
      log.info({ userId: credential.userId, erased, caller: credential.caller }, 'user records erased');
      return erased;
    }),
  };
  return { name: RECORD_ERASURE_SERVICE, definition: financeV1.RecordErasureService.service, implementation };
}
