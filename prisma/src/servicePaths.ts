// Where each service's Prisma schema and migrations live. Every tool in this package finds them
// here, so moving a folder means changing one line.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type ServiceName = 'user' | 'finance';

export const serviceNames: readonly ServiceName[] = ['user', 'finance'];

const prismaPackageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function prismaSchemaPath(service: ServiceName): string {
  return path.join(prismaPackageDir, service, 'schema.prisma');
}

export function migrationsDirectory(service: ServiceName): string {
  return path.join(prismaPackageDir, service, 'migrations');
}

export function isServiceName(value: string): value is ServiceName {
  return (serviceNames as readonly string[]).includes(value);
}
