// The Finance service's gRPC API for following group events (ledgerline.finance.v1.GroupEventService),
// as routers call it when there is no Redis: each open stream receives every notice the relay publishes.
import { Metadata, type ServerWritableStream } from '@grpc/grpc-js';
import {
  financeV1,
  GROUP_EVENT_SERVICE,
  messageOfGroupEventNotice,
  type FollowGroupEventsResponse,
  type GroupEventServiceHandlers,
} from '@ledgerline/proto';
import { credentialOf, grpcStatusOf, type GrpcServiceBinding, type Logger } from '@ledgerline/service-runtime';
import type { LocalGroupEventFeed } from './groupEventPublishers.js';

export function groupEventService(feed: LocalGroupEventFeed, secret: string, log: Logger): GrpcServiceBinding {
  const implementation: GroupEventServiceHandlers = {
    FollowGroupEvents(call: ServerWritableStream<unknown, FollowGroupEventsResponse>) {
      let caller: string;
      try {
        caller = credentialOf(call.metadata, GROUP_EVENT_SERVICE, secret).caller;
      } catch (error) {
        log.warn({ method: call.getPath(), err: error }, 'gRPC call refused');
        call.emit('error', grpcStatusOf(error));
        return;
      }
      const unfollow = feed.follow((notice) => call.write(messageOfGroupEventNotice(notice)));
      let following = true;
      const end = () => {
        if (!following) return;
        following = false;
        unfollow();
        log.info({ caller }, 'group event follower gone');
      };
      call.on('cancelled', end);
      call.on('close', end);
      // Headers go out at once, so the follower knows from when on it hears every notice.
      call.sendMetadata(new Metadata());
      log.info({ caller }, 'group event follower connected');
    },
  };
  return { name: GROUP_EVENT_SERVICE, definition: financeV1.GroupEventService.service, implementation };
}
