// A gRPC server reflection client, as grpcurl and Postman use it, for tests of what a server
// tells such tools: its services, and the descriptors of their methods.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Client } from '@grpc/grpc-js';
import { loadFileDescriptorSetFromBuffer, loadSync, type ServiceDefinition } from '@grpc/proto-loader';

export type ReflectionVersion = 'v1' | 'v1alpha';

export interface ReflectionAnswer {
  list_services_response?: { service: { name: string }[] };
  file_descriptor_response?: { file_descriptor_proto: Buffer[] };
}

// @grpc/reflection ships its .proto files beside its build/src/ entry point.
const reflectionProtos = new URL('../proto/grpc/reflection/', pathToFileURL(createRequire(import.meta.url).resolve('@grpc/reflection')));

/** One request on a ServerReflectionInfo stream of `version`, as grpcurl sends it; the client stays the caller's to close. */
export function reflect(client: Client, version: ReflectionVersion, request: object): Promise<ReflectionAnswer> {
  const contract = loadSync(fileURLToPath(new URL(`${version}/reflection.proto`, reflectionProtos)), { keepCase: true, oneofs: true });
  const info = (contract[`grpc.reflection.${version}.ServerReflection`] as ServiceDefinition)['ServerReflectionInfo']!;
  const stream = client.makeBidiStreamRequest(info.path, info.requestSerialize, info.responseDeserialize);
  return new Promise((resolve, reject) => {
    stream.on('error', reject);
    stream.on('data', (response: ReflectionAnswer) => {
      resolve(response);
      stream.end();
    });
    stream.write(request);
  });
}

/** The services an answer to `list_services` names. */
export const listedServices = (answer: ReflectionAnswer): string[] => answer.list_services_response?.service.map(({ name }) => name) ?? [];

/** Every method the file descriptors of an answer describe, as its call path "/package.Service/Method". */
export function describedMethods(answer: ReflectionAnswer): string[] {
  const files = answer.file_descriptor_response?.file_descriptor_proto ?? [];
  const decoded = loadFileDescriptorSetFromBuffer(descriptorSetOf(files));
  return Object.values(decoded).flatMap((definition) =>
    'format' in definition ? [] : Object.values(definition).map((method) => method.path),
  );
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
