// Login throttling at the router, for the GraphQL `login` mutation and the REST `POST /user/login`
// (which runs the same mutation through this server): a login past the rules of loginAttempts.ts
// is refused before it reaches the User service, with TOO_MANY_REQUESTS, HTTP 429 and Retry-After.
// A store that fails at the moment of a check lets the login through (logged and counted): an
// outage of Redis must not refuse every login.
import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { connectedRedis } from '../cache/routerCaches.js';
import type { LoginThrottleSettings } from '../config.js';
import type { RouterContext } from '../context.js';
import type { RouterMetrics } from '../metrics.js';
import { addressBucketOf } from './addressBucket.js';
import { inProcessLoginAttempts } from './inProcessLoginAttempts.js';
import { normalisedEmail, retryAfterSeconds, type Admission, type LoginAttempt, type LoginAttemptStore } from './loginAttempts.js';
import { loginFieldsOf, type LoginField } from './loginFields.js';
import { redisLoginAttempts } from './redisLoginAttempts.js';

type Step = 'admit' | 'failed' | 'succeeded';

export function loginThrottlePlugin(settings: LoginThrottleSettings, metrics: RouterMetrics): ApolloServerPlugin<RouterContext> {
  // In this process; with REDIS_URL, replaced by the shared store once the server starts (serverWillStart).
  let store: LoginAttemptStore = inProcessLoginAttempts(settings);

  /** Runs one step of the store; on failure, what the login gets without it (admitted, nothing recorded). */
  async function failingOpen<Result>(step: Step, context: RouterContext, run: () => Promise<Result>, fallback: Result): Promise<Result> {
    try {
      return await run();
    } catch (error) {
      metrics.loginThrottleStoreErrors.inc({ step });
      context.log.warn({ err: error, step }, 'login throttle store failed: this login goes unthrottled');
      return fallback;
    }
  }

  return {
    async serverWillStart() {
      if (settings.redis !== null) {
        const { url, keyPrefix, commandTimeoutMs } = settings.redis;
        store = redisLoginAttempts(await connectedRedis(url, commandTimeoutMs), keyPrefix, settings);
      }
      return { serverWillStop: () => store.close() };
    },
    async requestDidStart() {
      let login: { field: LoginField; attempt: LoginAttempt } | null = null;
      return {
        async didResolveOperation({ operation, document, request, contextValue }) {
          if (operation === undefined) return;
          const fields = uniqueByResponseKey(loginFieldsOf(operation, document, request.variables));
          const [field, ...more] = fields;
          if (field === undefined) return;
          if (more.length > 0) throw oneLoginPerRequest();
          const account = field.email === null ? null : normalisedEmail(field.email);
          const attempt = { address: addressBucketOf(contextValue.clientAddress), account };
          const admission = await failingOpen('admit', contextValue, () => store.admit(attempt), { admitted: true });
          if (!admission.admitted) {
            metrics.loginThrottleRefusals.inc({ limit: admission.limit });
            throw tooManyLogins(admission);
          }
          login = { field, attempt };
        },
        async willSendResponse(requestContext) {
          if (login === null || login.attempt.account === null) return;
          const attempt = { ...login.attempt, account: login.attempt.account };
          const outcome = outcomeOf(requestContext, login.field);
          if (outcome === 'failed') await failingOpen('failed', requestContext.contextValue, () => store.failed(attempt), undefined);
          if (outcome === 'succeeded')
            await failingOpen('succeeded', requestContext.contextValue, () => store.succeeded(attempt), undefined);
        },
      };
    },
  };
}

function uniqueByResponseKey(fields: LoginField[]): LoginField[] {
  return [...new Map(fields.map((field) => [field.responseKey, field])).values()];
}

/** Only a wrong password counts against the account; a busy or unreachable User service says nothing of it. */
function outcomeOf(
  { response }: GraphQLRequestContextWillSendResponse<RouterContext>,
  field: LoginField,
): 'failed' | 'succeeded' | 'unknown' {
  if (response.body.kind !== 'single') return 'unknown';
  const { data, errors } = response.body.singleResult;
  if (errors?.some((error) => error.extensions?.['code'] === 'INVALID_CREDENTIALS')) return 'failed';
  return data?.[field.responseKey] ? 'succeeded' : 'unknown';
}

function tooManyLogins(refusal: Extract<Admission, { admitted: false }>): GraphQLError {
  const seconds = retryAfterSeconds(refusal.retryAfterMs);
  const message =
    refusal.limit === 'address'
      ? `Too many login attempts from this address; try again in ${seconds} s`
      : `Too many wrong passwords for this account; try again in ${seconds} s`;
  return new GraphQLError(message, {
    extensions: {
      code: 'TOO_MANY_REQUESTS',
      // The Retry-After header is set from it, as for every error that says when to come back (retryAfterHeader.ts).
      retryAfterSeconds: seconds,
      http: { status: 429 },
    },
  });
}

/** Two logins in one operation would be two guesses for the price of one attempt. */
function oneLoginPerRequest(): GraphQLError {
  return new GraphQLError('login: one login per request', {
    extensions: { code: 'BAD_USER_INPUT', field: 'login', http: { status: 400 } },
  });
}
