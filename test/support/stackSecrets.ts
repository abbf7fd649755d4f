// The secrets every service must be given (none makes one up): fresh ones for each stack a test or
// benchmark starts, so no run can read another's tokens or sign its calls.
import { randomBytes } from 'node:crypto';

export interface StackSecrets {
  JWT_SECRET: string;
  ROUTER_SIGNING_SECRET: string;
  SERVICE_SIGNING_SECRET: string;
}

/** Three different random secrets, under the variable names the services read. */
export function freshStackSecrets(): StackSecrets {
  const secret = () => randomBytes(32).toString('base64url');
  return { JWT_SECRET: secret(), ROUTER_SIGNING_SECRET: secret(), SERVICE_SIGNING_SECRET: secret() };
}
