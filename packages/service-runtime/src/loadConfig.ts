import { z } from 'zod';
import { defaultDataDir } from './dataDir.js';

/**
 * Parses the environment once at start. Every bad variable is reported together, then the
 * process exits: a half-configured service is worse than one that does not start. Rules that
 * involve several variables belong in the schema (a transform adding issues), and are reported
 * once each variable is valid on its own.
 */
export function loadConfig<Schema extends z.ZodType>(service: string, schema: Schema, env: NodeJS.ProcessEnv): z.output<Schema> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = problemsOf(result.error);
  process.stderr.write(`${service}: invalid configuration\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}

/**
 * What start-up would refuse in `env`, one line per problem as loadConfig prints them; empty when the
 * service would start. For checks of an environment written elsewhere (a Kubernetes manifest, a compose file).
 */
export function configurationProblems(schema: z.ZodType, env: NodeJS.ProcessEnv): string[] {
  const result = schema.safeParse(env);
  return result.success ? [] : problemsOf(result.error);
}

function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

/** Environment variables arrive as strings; an empty string means "not set". */
export const unsetIfEmpty = (value: unknown): unknown => (value === '' ? undefined : value);

/** A variable that may be unset (or empty). */
export const optionalVariable = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfEmpty, schema.optional());

/** A variable whose unset (or empty) value means `fallback`. */
export const variableWithDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  // zod's default() cannot name a generic schema's value type; `fallback` is typed by the caller.
  z.preprocess(unsetIfEmpty, schema.default(fallback as never));

/** A TCP port; unset or empty means `fallback`. */
export const portVariable = (fallback: number) => variableWithDefault(z.coerce.number().int().min(0).max(65_535), fallback);

/** HOST: the interface to listen on, loopback unless set. */
export const hostVariable = variableWithDefault(z.string(), '127.0.0.1');

/** Where a peer's gRPC server listens, as host:port (e.g. "user:50051" in a cluster). */
export const grpcAddressVariable = (fallback: string) =>
  variableWithDefault(z.string().regex(/^[^\s:/]+:[0-9]{1,5}$/, 'must be host:port, e.g. 127.0.0.1:50051'), fallback);

/**
 * REDIS_KEY_PREFIX: what every Redis channel (and key) of this deployment starts with, so that
 * deployments (or test runs) sharing one Redis never hear each other.
 */
export const redisKeyPrefixVariable = variableWithDefault(
  z.string().regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'up to 64 letters, digits, ":", "_", "." or "-"'),
  'ledgerline:',
);

/** LEDGERLINE_DATA_DIR: where the zero-setup defaults keep their state. */
export const dataDirVariable = variableWithDefault(z.string(), defaultDataDir);

export const logLevelSchema = z.preprocess(
  unsetIfEmpty,
  z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
);
