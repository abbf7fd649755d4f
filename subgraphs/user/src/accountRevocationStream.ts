// AccountService.FollowAccountRevocations: the gRPC stream on which routers without Redis hear
// that an account's tokens were revoked. Each open stream receives every revocation announced in
// this process from the moment its headers go out.
import { Metadata, type ServerWritableStream } from '@grpc/grpc-js';
import {
  ACCOUNT_SERVICE,
  messageOfAccountRevocation,
  type AccountServiceHandlers,
  type FollowAccountRevocationsResponse,
} from '@ledgerline/proto';
import { ROUTER_SERVICE_NAME } from '@ledgerline/identity';
import { credentialOf, DomainError, grpcStatusOf, type Logger } from '@ledgerline/service-runtime';
import type { AccountRevocationFollowers } from './accountRevocations.js';

export function followAccountRevocations(
  followers: AccountRevocationFollowers,
  secret: string,
  log: Logger,
): AccountServiceHandlers['FollowAccountRevocations'] {
  return (call: ServerWritableStream<unknown, FollowAccountRevocationsResponse>) => {
    let caller: string;
    try {
      caller = credentialOf(call.metadata, ACCOUNT_SERVICE, secret).caller;
      // Which users get signed out, and when, is no other service's business.
      // The one service that may follow: the router, which holds the WebSockets to close.
      if (caller !== ROUTER_SERVICE_NAME) throw new DomainError('FORBIDDEN', `only ${ROUTER_SERVICE_NAME} may follow account revocations`);
    } catch (error) {
      log.warn({ method: call.getPath(), err: error }, 'gRPC call refused');
      call.emit('error', grpcStatusOf(error));
      return;
    }
    const unfollow = followers.follow((revocation) => call.write(messageOfAccountRevocation(revocation)));
    let following = true;
    const end = () => {
      if (!following) return;
      following = false;
      unfollow();
      log.info({ caller }, 'account revocation follower gone');
    };
    call.on('cancelled', end);
    call.on('close', end);
    // Headers go out at once, so the follower knows from when on it hears every revocation.
    call.sendMetadata(new Metadata());
    log.info({ caller }, 'account revocation follower connected');
  };
}
