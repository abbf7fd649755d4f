import { z } from 'zod';

/**
 * Parses the environment once at start. Every bad variable is reported together, then the
 * process exits: a half-configured service is worse than one that does not start. Rules that
 * involve several variables belong in the schema (a transform adding issues), and are reported
 * once each variable is valid on its own.
 */
export function loadConfig<Schema extends z.ZodType>(service: string, schema: Schema, env: NodeJS.ProcessEnv): z.output<Schema> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  process.stderr.write(`${service}: invalid configuration\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}

/** Environment variables arrive as strings; an empty string means "not set". */
export const unsetIfEmpty = (value: unknown): unknown => (value === '' ? undefined : value);

/** A TCP port; unset or empty means `fallback`. */
export const portVariable = (fallback: number) => z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(65_535).default(fallback));

export const logLevelSchema = z.preprocess(
  unsetIfEmpty,
  z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
);
