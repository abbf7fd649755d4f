// The environment `npm run migrate` reads: one database URL for every service or one each, and
// each service's PostgreSQL schema.
import { serviceNames, type ServiceName } from './servicePaths.js';

export interface MigrationTarget {
  service: ServiceName;
  databaseUrl: string;
  schema: string;
}

const defaultSchemaOf: Record<ServiceName, string> = { user: 'users', finance: 'finance' };

/**
 * Reads every variable of `services` (all of them unless named) first, then reports all that are missing
 * at once. A deployment migrates each service on its own (`migrate.js user`), with that service's URL alone.
 */
export function migrationTargetsFromEnv(env: NodeJS.ProcessEnv, services: readonly ServiceName[] = serviceNames): MigrationTarget[] {
  const problems: string[] = [];
  const targets = services.map((service) => {
    const prefix = service.toUpperCase();
    const databaseUrl = env[`${prefix}_DATABASE_URL`] || env['DATABASE_URL'] || '';
    if (databaseUrl === '') problems.push(`set DATABASE_URL or ${prefix}_DATABASE_URL`);
    const schema = env[`${prefix}_DATABASE_SCHEMA`] || defaultSchemaOf[service];
    return { service, databaseUrl, schema };
  });
  if (problems.length > 0) throw new Error(`Cannot migrate: ${problems.join('; ')}`);
  return targets;
}
