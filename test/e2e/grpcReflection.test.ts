// The real services' gRPC servers as an operator's tools see them: server reflection (what grpcurl
// asks), the standard health check (what a Kubernetes gRPC probe asks), and no call to a contract
// method without a service credential.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  credentials,
  loadPackageDefinition,
  status,
  type ChannelCredentials,
  type Client,
  type ClientDuplexStream,
  type ServiceError,
} from '@grpc/grpc-js';
import { loadFileDescriptorSetFromBuffer, loadSync, type ServiceDefinition } from '@grpc/proto-loader';
import { ACCOUNT_SERVICE, financeV1, RECORD_ERASURE_SERVICE, userV1 } from '@ledgerline/proto';
import { protoPath as HEALTH_PROTO } from 'grpc-health-check';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { rejectionOf } from '../support/thrown.js';

// @grpc/reflection ships its .proto files beside its build/src/ entry point.
const REFLECTION_PROTO = fileURLToPath(
  new URL('../proto/grpc/reflection/v1/reflection.proto', pathToFileURL(createRequire(import.meta.url).resolve('@grpc/reflection'))),
);

interface ReflectionResponse {
  list_services_response?: { service: { name: string }[] };
  file_descriptor_response?: { file_descriptor_proto: Buffer[] };
}

type ClientOf<Methods> = new (address: string, credentials: ChannelCredentials) => Client & Methods;

// loadPackageDefinition is untyped; these are the parts of each package the tests call.
const { ServerReflection } = (
  loadPackageDefinition(loadSync(REFLECTION_PROTO, { keepCase: true, oneofs: true })) as unknown as {
    grpc: {
      reflection: { v1: { ServerReflection: ClientOf<{ ServerReflectionInfo(): ClientDuplexStream<object, ReflectionResponse> }> } };
    };
  }
).grpc.reflection.v1;

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

/** One request on a ServerReflectionInfo stream, as grpcurl sends it. */
function reflect(address: string, request: object): Promise<ReflectionResponse> {
  const stream = opened(new ServerReflection(address, credentials.createInsecure())).ServerReflectionInfo();
  return new Promise((resolve, reject) => {
    stream.on('error', reject);
    stream.on('data', (response: ReflectionResponse) => {
      resolve(response);
      stream.end();
    });
    stream.write(request);
  });
}

/** A FileDescriptorSet is its files as repeated field 1, so each file goes behind that tag and its length. */
function descriptorSetOf(files: Buffer[]): Buffer {
  const varint = (value: number) => {
    const bytes: number[] = [];
    for (; value > 0x7f; value >>>= 7) bytes.push((value & 0x7f) | 0x80);
    return Buffer.from([...bytes, value]);
  };
  return Buffer.concat(files.flatMap((file) => [Buffer.from([0x0a]), varint(file.length), file]));
}

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
    const listed = await reflect(inject('userGrpcAddress'), { list_services: '*' });
    expect(listed.list_services_response?.service.map(({ name }) => name)).toEqual(
      expect.arrayContaining([ACCOUNT_SERVICE, 'grpc.health.v1.Health']),
    );
  });

  it('lists RecordErasureService on the finance server', async () => {
    const listed = await reflect(inject('financeGrpcAddress'), { list_services: '*' });
    expect(listed.list_services_response?.service.map(({ name }) => name)).toEqual(
      expect.arrayContaining([RECORD_ERASURE_SERVICE, 'grpc.health.v1.Health']),
    );
  });

  it.each(servers())(
    'describes the $label server’s service with its method, decodable as grpcurl would',
    async ({ address, service, method }) => {
      const described = await reflect(address, { file_containing_symbol: service });
      const files = described.file_descriptor_response?.file_descriptor_proto ?? [];
      expect(files.length).toBeGreaterThan(0);
      const decoded = loadFileDescriptorSetFromBuffer(descriptorSetOf(files));
      expect((decoded[service] as ServiceDefinition)[method]?.path).toBe(`/${service}/${method}`);
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
