// Zero-setup secrets: when JWT_SECRET, ROUTER_SIGNING_SECRET or SERVICE_SIGNING_SECRET is unset outside production, every
// process on this machine reads the same generated value from the data directory, so a router and
// subgraphs started separately still agree, and sessions survive a restart.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type DevSecretName = 'jwtSecret' | 'routerSigningSecret' | 'serviceSigningSecret';

export function devSecret(name: DevSecretName, dataDir: string, warn: (message: string) => void): string {
  const file = join(dataDir, 'dev-secrets.json');
  mkdirSync(dataDir, { recursive: true });
  const secrets = readSecrets(file);
  let secret = secrets[name];
  if (secret === undefined) {
    secret = randomBytes(32).toString('base64url');
    secrets[name] = secret;
    // 'wx' would race between processes; rewriting the merged object is enough for dev.
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  warn(`${name} is not set: using a generated development secret from ${file}. Set it in production.`);
  return secret;
}

function readSecrets(file: string): Partial<Record<DevSecretName, string>> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Partial<Record<DevSecretName, string>>;
  } catch {
    return {};
  }
}
