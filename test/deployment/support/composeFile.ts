// Reads docker-compose.yml as docker compose does: YAML with merge keys (`<<: *anchor`), then `${VAR}`
// interpolation of every value from an env file (.env, or .env.example in the tests).
import { parse } from 'yaml';

export interface Healthcheck {
  test?: string | string[];
  disable?: boolean;
}

export type DependsOn = string[] | Record<string, { condition?: string }>;

export interface ComposeService {
  image?: string;
  build?: string | { context?: string; target?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number | { target?: number; published?: string | number })[];
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  networks?: string[] | Record<string, unknown>;
  healthcheck?: Healthcheck;
  depends_on?: DependsOn;
  restart?: string;
  [key: string]: unknown;
}

export interface ComposeDocument {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  networks?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface ComposeFile {
  file: string;
  text: string;
  /** As written: `${VAR}` references still in place. */
  written: ComposeDocument;
  /** As docker compose runs it, with the env file's values. */
  resolved: ComposeDocument;
}

/** `KEY=value` lines; `#` comments and blank lines skipped; surrounding quotes removed. */
export function parseEnvFile(text: string): Record<string, string> {
  const entries = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && line.includes('='))
    .map((line) => {
      const equals = line.indexOf('=');
      return [
        line.slice(0, equals).trim(),
        line
          .slice(equals + 1)
          .trim()
          .replace(/^(["'])(.*)\1$/, '$2'),
      ] as const;
    });
  return Object.fromEntries(entries);
}

const REFERENCE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Every variable a text references with `${VAR...}` or `$VAR` (`$$` is a literal dollar). */
export function referencedVariables(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(REFERENCE)) {
    const name = match[1] ?? match[4];
    if (name !== undefined) names.add(name);
  }
  return names;
}

/** One `${NAME<operator>argument}`: `-` a default, `?` an error when unset, `+` a replacement when set (`:` also counts empty as unset). */
function substitute(name: string, operator: string | undefined, argument: string, env: Record<string, string>): string {
  const current = env[name];
  const unset = operator?.startsWith(':') ? current === undefined || current === '' : current === undefined;
  const kind = operator?.replace(':', '');
  if (kind === '-') return unset ? interpolate(argument, env) : current!;
  if (kind === '?') {
    if (unset) throw new Error(`${name}: ${argument || 'required'}`);
    return current!;
  }
  if (kind === '+') return unset ? '' : interpolate(argument, env);
  return current ?? '';
}

/** Compose's interpolation of one value; a `${VAR:?message}` whose variable is unset or empty throws the message. */
export function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(
    REFERENCE,
    (whole, braced: string | undefined, operator: string | undefined, argument: string | undefined, bare: string | undefined) =>
      whole === '$$' ? '$' : substitute((braced ?? bare)!, operator, argument ?? '', env),
  );
}

function interpolateValues(value: unknown, env: Record<string, string>): unknown {
  if (typeof value === 'string') return interpolate(value, env);
  if (Array.isArray(value)) return value.map((item) => interpolateValues(item, env));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateValues(item, env)]));
  }
  return value;
}

export function readComposeFile(file: string, text: string, env: Record<string, string>): ComposeFile {
  const written = parse(text, { merge: true }) as ComposeDocument;
  return { file, text, written, resolved: interpolateValues(written, env) as ComposeDocument };
}

/** A service's environment as name -> value, from either the map or the `KEY=value` list form. */
export function environmentOf(service: ComposeService): Record<string, string> {
  const environment = service.environment ?? {};
  if (Array.isArray(environment)) return parseEnvFile(environment.join('\n'));
  return Object.fromEntries(Object.entries(environment).map(([name, value]) => [name, value === null ? '' : String(value)]));
}

/** The command's words (the shell form split on spaces, as compose does for exec). */
export function commandOf(service: ComposeService): string[] {
  if (service.command === undefined) return [];
  return Array.isArray(service.command) ? service.command : service.command.split(/\s+/);
}

export function dependenciesOf(service: ComposeService): Record<string, string | undefined> {
  const dependsOn = service.depends_on ?? {};
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((name) => [name, undefined]));
  return Object.fromEntries(Object.entries(dependsOn).map(([name, settings]) => [name, settings.condition]));
}

export function networksOf(service: ComposeService): string[] {
  if (service.networks === undefined) return ['default'];
  return Array.isArray(service.networks) ? service.networks : Object.keys(service.networks);
}

export function buildTargetOf(service: ComposeService): string | undefined {
  return typeof service.build === 'object' ? service.build.target : undefined;
}

/** A one-shot service: compose must not restart it, so `service_completed_successfully` can be waited for. */
export function isOneShot(service: ComposeService): boolean {
  return service.restart === 'no';
}
