// Group event notices over Finance's gRPC stream (GroupEventService.FollowGroupEvents), for a
// router without Redis: one stream per router carries every group's notices, and the router keeps
// those of the groups it has watchers for. When the stream breaks (Finance restarted), it is
// opened again with backoff, and every watcher reads what it missed from the log.
import type { ClientReadableStream } from '@grpc/grpc-js';
import { financeV1, GROUP_EVENT_SERVICE, groupEventNoticeFromMessage, type FollowGroupEventsResponse__Output } from '@ledgerline/proto';
import { connectPeer, credentialMetadata, type GrpcCallerIdentity, type GrpcCallMetrics, type Logger } from '@ledgerline/service-runtime';
import { FOLLOW_TIMEOUT_MS, GroupListeners, withTimeout, type GroupEventFeed } from './groupEventFeed.js';

const FIRST_RETRY_MS = 250;
const LONGEST_RETRY_MS = 5_000;

export function grpcGroupEventFeed(
  financeGrpcAddress: string,
  self: GrpcCallerIdentity,
  calls: GrpcCallMetrics,
  log: Logger,
): GroupEventFeed {
  const client = connectPeer(
    financeV1.GroupEventService,
    { address: financeGrpcAddress, serviceName: GROUP_EVENT_SERVICE, label: 'finance' },
    [],
    calls,
  );
  const listeners = new GroupListeners();
  let stream: ClientReadableStream<FollowGroupEventsResponse__Output> | null = null;
  let open: Promise<void> | null = null;
  let retryMs = FIRST_RETRY_MS;
  let retryTimer: NodeJS.Timeout | undefined;
  let closed = false;
  let everOpen = false;

  /** Opens the stream; resolves once Finance has answered with its headers, so no later notice is missed. */
  function openStream(): Promise<void> {
    open ??= new Promise<void>((resolve, reject) => {
      const call = client.followGroupEvents({}, credentialMetadata(GROUP_EVENT_SERVICE, self, null));
      stream = call;
      call.on('metadata', () => {
        retryMs = FIRST_RETRY_MS;
        if (everOpen) listeners.resyncAll();
        everOpen = true;
        log.info('following group events over gRPC');
        resolve();
      });
      call.on('data', (message: FollowGroupEventsResponse__Output) => {
        const notice = groupEventNoticeFromMessage(message);
        if (notice !== null) listeners.dispatch(notice);
      });
      call.on('error', (error: Error) => {
        if (!closed) log.warn({ err: error }, 'group event stream broke; following again shortly');
      });
      call.on('close', () => {
        stream = null;
        open = null;
        reject(new Error('group event stream closed before it opened'));
        if (closed || listeners.isEmpty) return;
        retryTimer = setTimeout(() => void openStream().catch(() => undefined), retryMs);
        retryMs = Math.min(retryMs * 2, LONGEST_RETRY_MS);
      });
    });
    return open;
  }

  return {
    async follow(groupId, listener) {
      listeners.add(groupId, listener);
      try {
        await withTimeout(openStream(), FOLLOW_TIMEOUT_MS, 'following group events over gRPC');
      } catch (error) {
        listeners.remove(groupId, listener);
        throw error;
      }
      return () => void listeners.remove(groupId, listener);
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      stream?.cancel();
      client.close();
      return Promise.resolve();
    },
  };
}
