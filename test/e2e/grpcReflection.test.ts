// The real services' gRPC servers as an operator's tools see them: server reflection (what grpcurl
// asks), the standard health check (what a Kubernetes gRPC probe asks), and no call to a contract
// method without a service credential.
import { randomUUID } from 'node:crypto';
import { credentials, loadPackageDefinition, status, type ChannelCredentials, Client, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { ACCOUNT_SERVICE, financeV1, RECORD_ERASURE_SERVICE, userV1 } from '@ledgerline/proto';
import { protoPath as HEALTH_PROTO } from 'grpc-health-check';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { describedMethods, listedServices, reflect } from '../support/grpcReflection.js';
import { rejectionOf } from '../support/thrown.js';

type ClientOf<Methods> = new (address: string, credentials: ChannelCredentials) => Client & Methods;

// loadPackageDefinition is untyped; this is the part of the health package the tests call.
type HealthCallback = (error: ServiceError | null, response?: { status: string }) => void;
const { Health } = (
  loadPackageDefinition(loadSync(HEALTH_PROTO, { enums: String })) as unknown as {
    grpc: { health: { v1: { Health: ClientOf<{ Check(request: { service: string }, callback: HealthCallback): void }> } } };
  }
).grpc.health.v1;

const servers = () => [
  { label: 'user', address: inject('userGrpcAddress'), service: ACCOUNT_SERVICE, method: 'CheckToken' },
  { label: 'finance', address: inject('financeGrpcAddress'), service: RECORD_ERASURE_SERVICE, method: 'EraseUserRecords' },
];

const openClients: Client[] = [];

afterEach(() => {
  for (const client of openClients.splice(0)) client.close();
});

function opened<T extends Client>(client: T): T {
  openClients.push(client);
  return client;
}

/** One reflection request to the server at `address`, as grpcurl sends it. */
const reflectOn = (address: string, request: object) => reflect(opened(new Client(address, credentials.createInsecure())), 'v1', request);

function healthOf(address: string, service: string): Promise<string | undefined> {
  const client = opened(new Health(address, credentials.createInsecure()));
  return new Promise((resolve, reject) => {
    client.Check({ service }, (error, response) => (error === null ? resolve(response?.status) : reject(error)));
  });
}

/** The status and details a call that must fail ended with. */
async function failureOf(call: Promise<unknown>): Promise<{ code: status; details: string }> {
  const { code, details } = (await rejectionOf(call, Error)) as ServiceError;
  return { code, details };
}

describe('gRPC server reflection', () => {
  it('lists AccountService and the health service on the user server', async () => {
    const listed = await reflectOn(inject('userGrpcAddress'), { list_services: '*' });
    expect(listedServices(listed)).toEqual(expect.arrayContaining([ACCOUNT_SERVICE, 'grpc.health.v1.Health']));
  });

  it('lists RecordErasureService on the finance server', async () => {
    const listed = await reflectOn(inject('financeGrpcAddress'), { list_services: '*' });
    expect(listedServices(listed)).toEqual(expect.arrayContaining([RECORD_ERASURE_SERVICE, 'grpc.health.v1.Health']));
  });

  it.each(servers())(
    'describes the $label server’s service with its method, decodable as grpcurl would',
    async ({ address, service, method }) => {
      const described = await reflectOn(address, { file_containing_symbol: service });
      expect(describedMethods(described)).toContain(`/${service}/${method}`);
    },
  );
});

describe('gRPC health', () => {
  it.each(servers())('answers SERVING on the $label server, for the server and for its service', async ({ address, service }) => {
    expect(await healthOf(address, '')).toBe('SERVING');
    expect(await healthOf(address, service)).toBe('SERVING');
  });
});

describe('gRPC service credentials', () => {
  it('refuses CheckToken without a service credential with UNAUTHENTICATED', async () => {
    const client = opened(new userV1.AccountService(inject('userGrpcAddress'), credentials.createInsecure()));
    const call = new Promise((resolve, reject) => {
      client.checkToken({ accountKey: randomUUID() }, (error, response) => (error === null ? resolve(response) : reject(error)));
    });
    expect(await failureOf(call)).toEqual({
      code: status.UNAUTHENTICATED,
      details: 'missing service credential: send "authorization: Bearer <credential>"',
    });
  });

  it('refuses EraseUserRecords without a service credential with UNAUTHENTICATED', async () => {
    const client = opened(new financeV1.RecordErasureService(inject('financeGrpcAddress'), credentials.createInsecure()));
    const call = new Promise((resolve, reject) => {
      client.eraseUserRecords({}, (error, response) => (error === null ? resolve(response) : reject(error)));
    });
    expect((await failureOf(call)).code).toBe(status.UNAUTHENTICATED);
  });
});
