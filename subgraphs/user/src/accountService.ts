// The User service's gRPC API (ledgerline.user.v1.AccountService), as other services call it.
import {
  ACCOUNT_SERVICE,
  userV1,
  type AccountServiceHandlers,
  type CheckTokenRequest,
  type CheckTokenResponse,
  type TokenStatus as WireTokenStatus,
} from '@ledgerline/proto';
import { badInput, unaryHandler, type GrpcServiceBinding, type Logger } from '@ledgerline/service-runtime';
import type { AccountRevocationFollowers } from './accountRevocations.js';
import { followAccountRevocations } from './accountRevocationStream.js';
import type { UserDatabase } from './db.js';
import { tokenStatusOf, type TokenStatus } from './tokenChecks.js';

const ON_THE_WIRE: Record<TokenStatus, WireTokenStatus> = {
  active: 'TOKEN_STATUS_ACTIVE',
  revoked: 'TOKEN_STATUS_REVOKED',
  no_account: 'TOKEN_STATUS_NO_ACCOUNT',
};

export function accountService(db: UserDatabase, revocations: AccountRevocationFollowers, secret: string, log: Logger): GrpcServiceBinding {
  const settings = { serviceName: ACCOUNT_SERVICE, secret, log };
  const implementation: AccountServiceHandlers = {
    CheckToken: unaryHandler<CheckTokenRequest, CheckTokenResponse>(settings, async (request, credential) => {
      if (credential.userId === null) throw badInput('credential', 'must name the user whose token is checked');
      const status = await tokenStatusOf(db, {
        userId: credential.userId,
        accountKey: request.accountKey,
        sessionId: request.sessionId,
      });
      return { status: ON_THE_WIRE[status] };
    }),
    FollowAccountRevocations: followAccountRevocations(revocations, secret, log),
  };
  return { name: ACCOUNT_SERVICE, definition: userV1.AccountService.service, implementation };
}
