// A service never makes up a secret it was not given: replicas on other machines (or images) would
// each make their own and refuse each other's tokens, and a forgotten variable would go unnoticed.
import type { z } from 'zod';

/** What a service says of a missing secret: how to make one, or the one command that makes them for development. */
const HOW_TO_GET_A_SECRET =
  'required: set it (openssl rand -base64 32), or start the whole stack with npm start, which generates development secrets';

/** Each of `names` from `env`; every missing one is reported with `howToGetOne`, together with the configuration's other problems. */
export function requiredSecrets<Name extends string>(
  env: { [N in Name]?: string | undefined },
  names: readonly Name[],
  context: z.RefinementCtx,
  howToGetOne: string = HOW_TO_GET_A_SECRET,
): Record<Name, string> {
  const secrets: Partial<Record<Name, string>> = {};
  for (const name of names) {
    const value = env[name];
    if (value === undefined) context.addIssue({ code: 'custom', path: [name], message: howToGetOne });
    else secrets[name] = value;
  }
  // Complete unless an issue was added, and then loadConfig exits before anyone reads it.
  return secrets as Record<Name, string>;
}
