// The internal gRPC contracts, loaded at run time from the .proto files beside this folder and
// typed by the declarations `npm run generate` writes into src/generated/ (never committed).
// The load options below must match the generator's flags in package.json: numbers for 64-bit
// integers, enum names as strings, defaults for absent fields.
import { fileURLToPath } from 'node:url';
import { loadPackageDefinition } from '@grpc/grpc-js';
import { loadSync, type PackageDefinition } from '@grpc/proto-loader';
import type { ProtoGrpcType as GroupEventContracts } from './generated/group_event_service.js';
import type { ProtoGrpcType as RecordErasureContracts } from './generated/record_erasure_service.js';
import type { ProtoGrpcType as UserContracts } from './generated/account_service.js';

const PROTO_ROOT = fileURLToPath(new URL('..', import.meta.url));

type FinanceContracts = RecordErasureContracts & GroupEventContracts;

function loadContract(file: string | string[]): PackageDefinition {
  return loadSync(file, { includeDirs: [PROTO_ROOT], longs: Number, enums: String, defaults: true, oneofs: true });
}

/** The services' full names: health-check names, credential audiences, retry-policy keys. */
export const ACCOUNT_SERVICE = 'ledgerline.user.v1.AccountService';
export const RECORD_ERASURE_SERVICE = 'ledgerline.finance.v1.RecordErasureService';
export const GROUP_EVENT_SERVICE = 'ledgerline.finance.v1.GroupEventService';

/** Each file as grpc-js and server reflection take it. */
export const userContractDefinition = loadContract('ledgerline/user/v1/account_service.proto');
export const financeContractDefinition = loadContract([
  'ledgerline/finance/v1/record_erasure_service.proto',
  'ledgerline/finance/v1/group_event_service.proto',
]);

// loadPackageDefinition is untyped; the generated ProtoGrpcType is what it returns for these files.
export const userV1 = (loadPackageDefinition(userContractDefinition) as unknown as UserContracts).ledgerline.user.v1;
export const financeV1 = (loadPackageDefinition(financeContractDefinition) as unknown as FinanceContracts).ledgerline.finance.v1;

export type { AccountServiceClient, AccountServiceHandlers } from './generated/ledgerline/user/v1/AccountService.js';
export type { CheckTokenRequest__Output as CheckTokenRequest } from './generated/ledgerline/user/v1/CheckTokenRequest.js';
export type { CheckTokenResponse, CheckTokenResponse__Output } from './generated/ledgerline/user/v1/CheckTokenResponse.js';
export type { TokenStatus__Output as TokenStatus } from './generated/ledgerline/user/v1/TokenStatus.js';
export type {
  FollowAccountRevocationsResponse,
  FollowAccountRevocationsResponse__Output,
} from './generated/ledgerline/user/v1/FollowAccountRevocationsResponse.js';
export type { RecordErasureServiceClient, RecordErasureServiceHandlers } from './generated/ledgerline/finance/v1/RecordErasureService.js';
export type {
  EraseUserRecordsResponse,
  EraseUserRecordsResponse__Output,
} from './generated/ledgerline/finance/v1/EraseUserRecordsResponse.js';
export type { GroupEventServiceClient, GroupEventServiceHandlers } from './generated/ledgerline/finance/v1/GroupEventService.js';
export type {
  FollowGroupEventsResponse,
  FollowGroupEventsResponse__Output,
} from './generated/ledgerline/finance/v1/FollowGroupEventsResponse.js';
export {
  groupEventChannel,
  groupIdOfEventChannel,
  groupEventNoticeFromJson,
  groupEventNoticeFromMessage,
  messageOfGroupEventNotice,
  type GroupEventNotice,
} from './groupEventNotices.js';
export {
  accountRevocationChannel,
  accountRevocationFromJson,
  accountRevocationFromMessage,
  accountRevocationJson,
  messageOfAccountRevocation,
  type AccountRevocation,
} from './accountRevocations.js';
