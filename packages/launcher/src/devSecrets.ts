// Development secrets for `npm start --dev-secrets`: each one the environment lacks is generated once
// and kept in the data directory, so sessions survive a restart. Only the launcher makes them, once,
// and hands the same values to every service it starts.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type SecretName = 'JWT_SECRET' | 'ROUTER_SIGNING_SECRET' | 'SERVICE_SIGNING_SECRET';

/** How dev-secrets.json names each secret; kept from before the launcher alone wrote it, so existing files still serve. */
const KEY_IN_FILE: Record<SecretName, string> = {
  JWT_SECRET: 'jwtSecret',
  ROUTER_SIGNING_SECRET: 'routerSigningSecret',
  SERVICE_SIGNING_SECRET: 'serviceSigningSecret',
};

export function devSecret(name: SecretName, dataDir: string, warn: (message: string) => void): string {
  const file = join(dataDir, 'dev-secrets.json');
  mkdirSync(dataDir, { recursive: true });
  const secrets = readSecrets(file);
  let secret = secrets[KEY_IN_FILE[name]];
  if (secret === undefined) {
    secret = randomBytes(32).toString('base64url');
    secrets[KEY_IN_FILE[name]] = secret;
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  warn(`${name} is not set: using a generated development secret from ${file}. Set it in production.`);
  return secret;
}

function readSecrets(file: string): Record<string, string> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}
