// The User service's gRPC API over a real socket, as the Finance service and the router call it:
// whether a token's claims still belong to a live account, the stream of revoked accounts, and
// who may ask.
import { randomBytes, randomUUID } from 'node:crypto';
import { Metadata, status, type ClientReadableStream, type ServiceError } from '@grpc/grpc-js';
import {
  ACCOUNT_SERVICE,
  RECORD_ERASURE_SERVICE,
  userV1,
  type AccountServiceClient,
  type CheckTokenResponse__Output,
  type FollowAccountRevocationsResponse__Output,
} from '@ledgerline/proto';
import { ROUTER_SERVICE_NAME } from '@ledgerline/identity';
import { createLogger, serviceMetrics, type GrpcServer } from '@ledgerline/service-runtime';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newAccount } from '../../../test/support/accounts.js';
import { credentialMetadata, insecure, unaryCall } from '../../../test/support/grpcCalls.js';
import { userDatabase } from '../../../test/support/serviceDatabases.js';
import { accountRevocations, type AccountRevocations } from '../src/accountRevocations.js';
import { userGrpcServer } from '../src/server.js';
import { insertRevokedSession } from '../src/revokedSessionTable.js';
import { markDeletionRequested } from '../src/userTable.js';

const secret = randomBytes(32).toString('hex');
const log = createLogger('user-grpc-test', 'silent');
let revocations: AccountRevocations;
let server: GrpcServer;
let client: AccountServiceClient;

beforeAll(async () => {
  const config = { serviceSigningSecret: secret } as Parameters<typeof userGrpcServer>[0];
  revocations = accountRevocations(undefined, 'ledgerline-test:', log);
  server = userGrpcServer(config, userDatabase(), log, serviceMetrics().grpcCalls, revocations);
  const port = await server.listen('127.0.0.1', 0);
  client = new userV1.AccountService(`127.0.0.1:${port}`, insecure());
});

afterAll(async () => {
  client.close();
  await server.drain(0, 1_000);
  await revocations.close();
});

const SESSION = randomUUID();

/** CheckToken for `accountKey` and a session, with a credential acting for `userId`. */
const checkToken = (
  userId: number | null,
  accountKey: string,
  metadata = credentialMetadata(ACCOUNT_SERVICE, secret, userId),
  sessionId: string = SESSION,
) =>
  unaryCall<{ accountKey: string; sessionId: string }, CheckTokenResponse__Output>(
    client.checkToken.bind(client),
    { accountKey, sessionId },
    metadata,
  );

describe('AccountService.CheckToken', () => {
  it('answers ACTIVE for the key the account holds', async () => {
    const user = await newAccount();
    expect(await checkToken(user.id, user.accountKey)).toEqual({ response: { status: 'TOKEN_STATUS_ACTIVE' } });
  });

  it('answers REVOKED for another key at the same id: a token from before a database reset or a key rotation', async () => {
    const user = await newAccount();
    expect(await checkToken(user.id, randomUUID())).toEqual({ response: { status: 'TOKEN_STATUS_REVOKED' } });
    expect(await checkToken(user.id, 'not even a uuid')).toEqual({ response: { status: 'TOKEN_STATUS_REVOKED' } });
  });

  it('answers REVOKED for a session that was logged out, and ACTIVE for the account’s other sessions', async () => {
    const user = await newAccount();
    const loggedOut = randomUUID();
    await insertRevokedSession(userDatabase(), { sessionId: loggedOut, userId: user.id, expiresAt: new Date(Date.now() + 60_000) });
    const asUser = credentialMetadata(ACCOUNT_SERVICE, secret, user.id);
    expect(await checkToken(user.id, user.accountKey, asUser, loggedOut)).toEqual({ response: { status: 'TOKEN_STATUS_REVOKED' } });
    expect(await checkToken(user.id, user.accountKey, asUser, randomUUID())).toEqual({ response: { status: 'TOKEN_STATUS_ACTIVE' } });
  });

  it('answers REVOKED for a request that names no session, or not a session id: no token without one is live', async () => {
    const user = await newAccount();
    const asUser = credentialMetadata(ACCOUNT_SERVICE, secret, user.id);
    expect(await checkToken(user.id, user.accountKey, asUser, '')).toEqual({ response: { status: 'TOKEN_STATUS_REVOKED' } });
    expect(await checkToken(user.id, user.accountKey, asUser, 'session-1')).toEqual({ response: { status: 'TOKEN_STATUS_REVOKED' } });
  });

  it('answers REVOKED for every token once the account is being deleted', async () => {
    const user = await newAccount();
    await markDeletionRequested(userDatabase(), user.id);
    expect(await checkToken(user.id, user.accountKey)).toEqual({ response: { status: 'TOKEN_STATUS_REVOKED' } });
  });

  it('answers NO_ACCOUNT for a user id no account has', async () => {
    expect(await checkToken(2_000_000_000, randomUUID())).toEqual({ response: { status: 'TOKEN_STATUS_NO_ACCOUNT' } });
  });

  it('refuses with INVALID_ARGUMENT a credential that names no user', async () => {
    const { error } = await checkToken(null, randomUUID());
    expect(error?.code).toBe(status.INVALID_ARGUMENT);
    expect(error?.details).toBe('credential: must name the user whose token is checked');
  });

  it('refuses with UNAUTHENTICATED a caller without a credential, with a forged one, or with one for another service', async () => {
    const user = await newAccount();
    const forged = credentialMetadata(ACCOUNT_SERVICE, randomBytes(32).toString('hex'), user.id);
    const elsewhere = credentialMetadata(RECORD_ERASURE_SERVICE, secret, user.id);
    for (const metadata of [new Metadata(), forged, elsewhere]) {
      const { error, response } = await checkToken(user.id, user.accountKey, metadata);
      expect(response).toBeUndefined();
      expect(error?.code).toBe(status.UNAUTHENTICATED);
    }
  });
});

type RevocationStream = ClientReadableStream<FollowAccountRevocationsResponse__Output>;

/** FollowAccountRevocations with `metadata`: the stream once its headers arrived, or the error it was refused with. */
function follow(metadata: Metadata): Promise<{ stream?: RevocationStream; error?: ServiceError }> {
  return new Promise((resolve) => {
    const stream = client.followAccountRevocations({}, metadata);
    stream.on('metadata', () => resolve({ stream }));
    stream.on('error', (error: ServiceError) => resolve({ error }));
  });
}

const asCaller = (caller: string) => credentialMetadata(ACCOUNT_SERVICE, secret, null, caller);

describe('AccountService.FollowAccountRevocations', () => {
  it('streams to the router every revocation announced after it began following: whole accounts, and single sessions by id', async () => {
    revocations.announce({ userId: 11, sessionId: null });
    const { stream } = await follow(asCaller(ROUTER_SERVICE_NAME));
    const received: FollowAccountRevocationsResponse__Output[] = [];
    stream!.on('data', (message: FollowAccountRevocationsResponse__Output) => received.push(message));
    stream!.on('error', () => undefined);
    revocations.announce({ userId: 12, sessionId: null });
    revocations.announce({ userId: 13, sessionId: SESSION });
    await vi.waitFor(() =>
      expect(received).toEqual([
        { userId: 12, sessionId: '' },
        { userId: 13, sessionId: SESSION },
      ]),
    );
    stream!.cancel();
  });

  it('refuses with PERMISSION_DENIED a service other than the router, and with UNAUTHENTICATED a caller without a valid credential', async () => {
    const other = await follow(asCaller('ledgerline-finance'));
    expect(other.stream).toBeUndefined();
    expect(other.error?.code).toBe(status.PERMISSION_DENIED);
    expect(other.error?.details).toBe('only ledgerline-router may follow account revocations');
    const forged = credentialMetadata(ACCOUNT_SERVICE, randomBytes(32).toString('hex'), null, ROUTER_SERVICE_NAME);
    const elsewhere = credentialMetadata(RECORD_ERASURE_SERVICE, secret, null, ROUTER_SERVICE_NAME);
    for (const metadata of [new Metadata(), forged, elsewhere]) {
      const { error, stream } = await follow(metadata);
      expect(stream).toBeUndefined();
      expect(error?.code).toBe(status.UNAUTHENTICATED);
    }
  });
});
