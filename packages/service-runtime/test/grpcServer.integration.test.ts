// The gRPC side every service shares, served on a loopback port and called as another service calls
// it: the credential checked before a handler runs, errors answered as statuses, health and
// reflection for probes and tools, a drain that turns probes away first, and a caller that gives up
// on a peer that is down or silent.
import { randomBytes } from 'node:crypto';
import { createServer as createHttp2Server, type Http2Server, type ServerHttp2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { Client, credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';
import { SERVICE_CREDENTIAL_METADATA, signServiceCredential, type ServiceCredential } from '@ledgerline/identity';
import {
  ACCOUNT_SERVICE,
  RECORD_ERASURE_SERVICE,
  userContractDefinition,
  userV1,
  type AccountServiceClient,
  type AccountServiceHandlers,
  type CheckTokenRequest,
  type CheckTokenResponse,
  type CheckTokenResponse__Output,
} from '@ledgerline/proto';
import { service as healthService } from 'grpc-health-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/support/freePort.js';
import { describedMethods, listedServices, reflect } from '../../../test/support/grpcReflection.js';
import { rejectionOf } from '../../../test/support/thrown.js';
import {
  callPeer,
  connectPeer,
  createGrpcServer,
  createLogger,
  DomainError,
  serviceMetrics,
  unaryHandler,
  type GrpcPeer,
  type GrpcServer,
} from '../src/index.js';

const secret = randomBytes(32).toString('hex');
const log = createLogger('test-grpc', 'silent');
const finance = { name: 'ledgerline-finance', secret };
/** One registry for the test's clients and servers alike, as a service that both calls and answers has. */
const metrics = serviceMetrics();

/** Every credential the test's CheckToken ran for, so a test can see what the handler was given. */
const handledCallers: ServiceCredential[] = [];

// The real AccountService contract with a handler of the test's own: which user it answers for can
// only come from the credential, since CheckTokenRequest has no user field.
function accountServiceForTest() {
  const settings = { serviceName: ACCOUNT_SERVICE, secret, log };
  // CheckToken alone: the streaming method, unimplemented here, answers UNIMPLEMENTED.
  const implementation: Pick<AccountServiceHandlers, 'CheckToken'> = {
    CheckToken: unaryHandler<CheckTokenRequest, CheckTokenResponse>(settings, async (request, caller) => {
      handledCallers.push(caller);
      if (request.accountKey === 'closed-account') throw new DomainError('NOT_FOUND', 'No account holds this key');
      if (request.accountKey === 'database-down') throw new Error('connect ECONNREFUSED 10.1.2.3:5432 password=hunter2');
      return { status: caller.userId === null ? 'TOKEN_STATUS_NO_ACCOUNT' : 'TOKEN_STATUS_ACTIVE' };
    }),
  };
  return { name: ACCOUNT_SERVICE, definition: userV1.AccountService.service, implementation };
}

/** Run after each test, newest first: the servers, clients and sockets it opened. */
const cleanups: (() => void | Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startAccountServer(): Promise<{ server: GrpcServer; address: string }> {
  const server = createGrpcServer({
    services: [accountServiceForTest()],
    contracts: userContractDefinition,
    calls: metrics.grpcCalls,
    log,
  });
  const port = await server.listen('127.0.0.1', 0);
  return { server, address: `127.0.0.1:${port}` };
}

function closeWith<T extends { close(): void }>(client: T): T {
  cleanups.push(() => client.close());
  return client;
}

let shared: { server: GrpcServer; address: string };

beforeAll(async () => {
  shared = await startAccountServer();
});

afterAll(async () => {
  await shared.server.drain(0, 100);
});

const bearer = (credential: string) => `Bearer ${credential}`;

function metadataWith(authorization?: string): Metadata {
  const metadata = new Metadata();
  if (authorization !== undefined) metadata.set(SERVICE_CREDENTIAL_METADATA, authorization);
  return metadata;
}

/** One CheckToken through the generated client, sending exactly the metadata given. */
function checkToken(client: AccountServiceClient, accountKey: string, metadata: Metadata): Promise<CheckTokenResponse__Output> {
  return new Promise((resolve, reject) => {
    client.checkToken({ accountKey }, metadata, { deadline: Date.now() + 5_000 }, (error, response) => {
      if (error !== null || response === undefined) reject(error ?? new Error('empty response'));
      else resolve(response);
    });
  });
}

/** The status and details a failed call ended with, as its caller reads them. */
async function failureOf(call: Promise<unknown>): Promise<{ code: status; details: string }> {
  const { code, details } = (await rejectionOf(call, Error)) as ServiceError;
  return { code, details };
}

const accountPeer = (address: string): GrpcPeer => ({ address, serviceName: ACCOUNT_SERVICE, label: 'user' });

describe('gRPC services behind a service credential', () => {
  it('answers a call with a valid credential for the user the credential names', async () => {
    const client = closeWith(connectPeer(userV1.AccountService, accountPeer(shared.address), ['CheckToken'], metrics.grpcCalls));
    const check = (userId: number | null) =>
      callPeer<CheckTokenResponse__Output>(
        accountPeer(shared.address),
        finance,
        { userId, deadlineMs: 5_000 },
        (metadata, options, callback) => client.checkToken({ accountKey: 'key-of-42' }, metadata, options, callback),
      );

    handledCallers.length = 0;
    expect(await check(42)).toEqual({ status: 'TOKEN_STATUS_ACTIVE' });
    // The same message without a user in the credential gets another answer: the user is the credential's.
    expect(await check(null)).toEqual({ status: 'TOKEN_STATUS_NO_ACCOUNT' });
    expect(handledCallers).toEqual([
      { caller: 'ledgerline-finance', userId: 42 },
      { caller: 'ledgerline-finance', userId: null },
    ]);
  });

  it('refuses with UNAUTHENTICATED a call without a credential, with a forged one, or with one made out to another service', async () => {
    const client = closeWith(new userV1.AccountService(shared.address, credentials.createInsecure()));
    const forged = signServiceCredential({ caller: 'ledgerline-finance', userId: 42 }, ACCOUNT_SERVICE, 'f'.repeat(64));
    // A genuine credential, but for the finance service: replaying it here must not work.
    const forFinance = signServiceCredential({ caller: 'ledgerline-user', userId: 42 }, RECORD_ERASURE_SERVICE, secret);

    handledCallers.length = 0;
    expect(await failureOf(checkToken(client, 'key-of-42', metadataWith()))).toEqual({
      code: status.UNAUTHENTICATED,
      details: 'missing service credential: send "authorization: Bearer <credential>"',
    });
    for (const credential of [forged, forFinance]) {
      expect(await failureOf(checkToken(client, 'key-of-42', metadataWith(bearer(credential))))).toEqual({
        code: status.UNAUTHENTICATED,
        details: 'service credential invalid',
      });
    }
    expect(handledCallers).toEqual([]);
  });

  it('answers a domain refusal with its status and message, and an unexpected error as INTERNAL without its message', async () => {
    const client = closeWith(new userV1.AccountService(shared.address, credentials.createInsecure()));
    const metadata = () =>
      metadataWith(bearer(signServiceCredential({ caller: 'ledgerline-finance', userId: 42 }, ACCOUNT_SERVICE, secret)));

    expect(await failureOf(checkToken(client, 'closed-account', metadata()))).toEqual({
      code: status.NOT_FOUND,
      details: 'No account holds this key',
    });
    expect(await failureOf(checkToken(client, 'database-down', metadata()))).toEqual({ code: status.INTERNAL, details: 'internal error' });
  });
});

/** grpc.health.v1.Health/Check for `service`, as Kubernetes' gRPC probe asks it. */
function healthOf(client: Client, service: string): Promise<unknown> {
  const check = healthService['Check'] as MethodDefinition<object, object>;
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(check.path, check.requestSerialize, check.responseDeserialize, { service }, (error, response) => {
      if (error !== null || response === undefined) reject(error ?? new Error('empty response'));
      else resolve((response as { status: unknown }).status);
    });
  });
}

describe('health and drain', () => {
  it('is SERVING once listening, then NOT_SERVING and not ready as soon as a drain starts', async () => {
    const { server, address } = await startAccountServer();
    const client = closeWith(new Client(address, credentials.createInsecure()));

    for (const service of ['', ACCOUNT_SERVICE]) expect(await healthOf(client, service)).toBe('SERVING');
    await expect(server.readiness.check()).resolves.toBeUndefined();

    // Probes must turn away during the notice, while the server still takes calls.
    const drained = server.drain(1_500, 1_000);
    cleanups.push(() => drained);
    for (const service of ['', ACCOUNT_SERVICE]) expect(await healthOf(client, service)).toBe('NOT_SERVING');
    await expect(server.readiness.check()).rejects.toThrow('gRPC server is not serving');
    await drained;
  });
});

describe('connection age', () => {
  it("asks a caller to reconnect once its connection is old, so its next calls can reach another replica, and keeps the caller's open stream", async () => {
    // Where each CheckToken came from: a caller's new connection comes from a new local port.
    const peers: string[] = [];
    const implementation: Pick<AccountServiceHandlers, 'CheckToken'> = {
      CheckToken: (call, callback) => {
        peers.push(call.getPeer());
        callback(null, { status: 'TOKEN_STATUS_NO_ACCOUNT' });
      },
    };
    const server = createGrpcServer({
      services: [{ name: ACCOUNT_SERVICE, definition: userV1.AccountService.service, implementation }],
      contracts: userContractDefinition,
      calls: metrics.grpcCalls,
      log,
      maxConnectionAgeMs: 300,
    });
    const address = `127.0.0.1:${await server.listen('127.0.0.1', 0)}`;
    cleanups.push(() => server.drain(0, 100));
    const client = closeWith(new userV1.AccountService(address, credentials.createInsecure()));
    const healthClient = closeWith(new Client(address, credentials.createInsecure()));
    // A stream opened on the first connection, as the router follows revocations and group events.
    const watched: string[] = [];
    const watchMethod = healthService['Watch'] as MethodDefinition<object, object>;
    const watch = healthClient.makeServerStreamRequest(watchMethod.path, watchMethod.requestSerialize, watchMethod.responseDeserialize, {
      service: '',
    });
    watch.on('data', (response: { status: string }) => watched.push(response.status));
    watch.on('error', () => {});
    cleanups.push(() => watch.cancel());

    await checkToken(client, 'first', new Metadata());
    await expect.poll(() => watched).toEqual(['SERVING']);
    // Past the age and its 10 % jitter, the server has sent GOAWAY: the next call opens a new connection.
    await new Promise((resolve) => setTimeout(resolve, 600));
    await checkToken(client, 'second', new Metadata());

    expect(peers).toHaveLength(2);
    expect(peers[1]).not.toBe(peers[0]);
    // The stream from before is still open, and still hears the server.
    const drained = server.drain(1_000, 100);
    cleanups.push(() => drained);
    await expect.poll(() => watched).toEqual(['SERVING', 'NOT_SERVING']);
  });
});

describe('server reflection', () => {
  it.each(['v1', 'v1alpha'] as const)('%s lists the services and describes AccountService for tools like grpcurl', async (version) => {
    const client = closeWith(new Client(shared.address, credentials.createInsecure()));

    const listed = await reflect(client, version, { list_services: '*' });
    expect(listedServices(listed)).toEqual(expect.arrayContaining([ACCOUNT_SERVICE, 'grpc.health.v1.Health']));

    // Decoded as a tool would, the file must carry the service and its method.
    const described = await reflect(client, version, { file_containing_symbol: ACCOUNT_SERVICE });
    expect(describedMethods(described)).toContain(`/${ACCOUNT_SERVICE}/CheckToken`);
  });
});

/** An HTTP/2 server that takes the connection and every stream, and never answers any. */
async function startSilentPeer(): Promise<string> {
  const silent: Http2Server = createHttp2Server();
  const sessions = new Set<ServerHttp2Session>();
  silent.on('session', (session) => sessions.add(session));
  silent.on('stream', () => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    for (const session of sessions) session.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });
  return `127.0.0.1:${(silent.address() as AddressInfo).port}`;
}

describe('gRPC call metrics', () => {
  /** How many calls of CheckToken the histogram counted with `code`. */
  const counted = async (side: 'client' | 'server', code: string) =>
    (await metrics.grpcCalls[side].get()).values.find(
      (sample) =>
        sample.metricName?.endsWith('_count') === true &&
        sample.labels['service'] === ACCOUNT_SERVICE &&
        sample.labels['method'] === 'CheckToken' &&
        sample.labels['code'] === code,
    )?.value ?? 0;

  it('times each call on both sides by service, method and the status it ended with', async () => {
    const peer = accountPeer(shared.address);
    const client = closeWith(connectPeer(userV1.AccountService, peer, ['CheckToken'], metrics.grpcCalls));
    const call = (accountKey: string) =>
      callPeer<CheckTokenResponse__Output>(peer, finance, { userId: 42, deadlineMs: 5_000 }, (metadata, options, callback) =>
        client.checkToken({ accountKey }, metadata, options, callback),
      );
    const before = { client: await counted('client', 'OK'), server: await counted('server', 'OK') };
    const refusedBefore = { client: await counted('client', 'NOT_FOUND'), server: await counted('server', 'NOT_FOUND') };

    await call('key-of-42');
    await rejectionOf(call('closed-account'));

    expect({ client: await counted('client', 'OK'), server: await counted('server', 'OK') }).toEqual({
      client: before.client + 1,
      server: before.server + 1,
    });
    expect({ client: await counted('client', 'NOT_FOUND'), server: await counted('server', 'NOT_FOUND') }).toEqual({
      client: refusedBefore.client + 1,
      server: refusedBefore.server + 1,
    });
  });
});

describe('callPeer', () => {
  async function checkTokenAt(address: string, deadlineMs: number) {
    const peer = accountPeer(address);
    const client = closeWith(connectPeer(userV1.AccountService, peer, ['CheckToken'], metrics.grpcCalls));
    const started = performance.now();
    const error = await rejectionOf(
      callPeer<CheckTokenResponse__Output>(peer, finance, { userId: 42, deadlineMs }, (metadata, options, callback) =>
        client.checkToken({ accountKey: 'key-of-42' }, metadata, options, callback),
      ),
      DomainError,
    );
    return { error, ms: performance.now() - started };
  }

  it('gives up on a peer that accepts the call and never answers with DEADLINE_EXCEEDED, shown as SERVICE_UNAVAILABLE', async () => {
    const { error, ms } = await checkTokenAt(await startSilentPeer(), 300);
    expect((error.cause as ServiceError).code).toBe(status.DEADLINE_EXCEEDED);
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    // errorFromFailedCall's words for DEADLINE_EXCEEDED, not for a peer that is down.
    expect(error.message).toBe('The user service did not answer in time; nothing was changed, try again shortly');
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(1_500);
  });

  it('fails fast as SERVICE_UNAVAILABLE when nothing listens at the peer address', async () => {
    const { error, ms } = await checkTokenAt(`127.0.0.1:${await freePort()}`, 5_000);
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect((error.cause as ServiceError).code).toBe(status.UNAVAILABLE);
    expect(error.message).toBe('The user service is unreachable; nothing was changed, try again shortly');
    expect(ms).toBeLessThan(2_500);
  });
});
