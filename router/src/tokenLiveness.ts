// The router's edge check that a signed-in caller's token is still live (not logged out, signed
// out everywhere, its password changed or its account deleted), before any request of theirs,
// GraphQL or REST, is planned, cached or sent on. The User service decides (CheckToken); its
// answers are kept here for cacheMs, and a revocation heard on the feed (Redis pub/sub or the User
// service's gRPC stream) drops the user's answers at once, so every replica refuses a revoked
// token within moments, and at the latest once its answer expires when the feed is down.
//
// When the User service cannot answer, a session whose last answer was 'active' keeps being served
// for graceMs past that answer's expiry (a revocation heard meanwhile still ends it); without such
// an answer the request is refused with SERVICE_UNAVAILABLE: the router never lets a token through
// that it has not seen live recently.
import type { Caller } from '@ledgerline/identity';
import type { AccountRevocation } from '@ledgerline/proto';
import { DomainError, type Logger, type TokenChecks } from '@ledgerline/service-runtime';
import type { RouterMetrics } from './metrics.js';

export interface TokenLivenessSettings {
  /** How long an answer of the User service is used without asking again. */
  cacheMs: number;
  /** How long past that a session last seen live is still served while the User service cannot answer. */
  graceMs: number;
}

export interface TokenLiveness {
  /** Resolves when the caller's token is live; throws a DomainError UNAUTHENTICATED or SERVICE_UNAVAILABLE otherwise. */
  assertLive(caller: Caller): Promise<void>;
  /** A revocation heard on the feed: the answers it makes wrong are forgotten at once. */
  revoked(revocation: AccountRevocation): void;
}

/** Enough for every active session of a busy replica; past it, the answers held longest go first. */
const MAX_REMEMBERED_SESSIONS = 20_000;
/** While the User service cannot answer, one warning per this long, not one per request. */
const OUTAGE_WARNING_EVERY_MS = 10_000;

interface Answer {
  /** null: live; otherwise why the token is refused. */
  refusal: DomainError | null;
  answeredAt: number;
}

const keyOf = (caller: Caller): string => `${caller.userId}:${caller.sessionId}:${caller.accountKey}`;

export function tokenLiveness(
  checks: TokenChecks,
  settings: TokenLivenessSettings,
  metrics: Pick<RouterMetrics, 'tokenLivenessLookups'>,
  log: Logger,
): TokenLiveness {
  const answers = new Map<string, Answer>();
  /** One question to the User service per session at a time, however many of its requests arrive together. */
  const asking = new Map<string, Promise<Answer>>();
  /** Moves on with every revocation heard: an answer asked for before it may be out of date, so it is not kept. */
  let revocationsHeard = 0;
  let lastOutageWarning = 0;

  function remember(key: string, answer: Answer): void {
    answers.delete(key);
    if (answers.size >= MAX_REMEMBERED_SESSIONS) answers.delete(answers.keys().next().value ?? key);
    answers.set(key, answer);
  }

  async function ask(caller: Caller, key: string): Promise<Answer> {
    try {
      await checks.assertLive(caller, 'fresh');
      return { refusal: null, answeredAt: Date.now() };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'UNAUTHENTICATED') return { refusal: error, answeredAt: Date.now() };
      return unanswered(key, error);
    }
  }

  /** The User service could not say: a session seen live lately goes on, for the grace; any other is refused for now. */
  function unanswered(key: string, error: unknown): Answer {
    const now = Date.now();
    if (now - lastOutageWarning >= OUTAGE_WARNING_EVERY_MS) {
      lastOutageWarning = now;
      log.warn({ err: error }, 'token liveness: the User service cannot answer; sessions seen live lately are served for the grace');
    }
    const last = answers.get(key);
    if (last !== undefined && last.refusal === null && now - last.answeredAt < settings.cacheMs + settings.graceMs) return last;
    throw new DomainError('SERVICE_UNAVAILABLE', 'The account service cannot confirm this session right now; try again shortly');
  }

  async function answerFor(caller: Caller): Promise<Answer> {
    const key = keyOf(caller);
    const known = answers.get(key);
    if (known !== undefined && Date.now() - known.answeredAt < settings.cacheMs) {
      metrics.tokenLivenessLookups.inc({ result: 'hit' });
      return known;
    }
    // A question already on its way counts as a miss: this request waits for the User service too.
    metrics.tokenLivenessLookups.inc({ result: 'miss' });
    const pending = asking.get(key);
    if (pending !== undefined) return pending;
    const heardBefore = revocationsHeard;
    const question = ask(caller, key).then((answer) => {
      if (revocationsHeard === heardBefore) remember(key, answer);
      return answer;
    });
    asking.set(key, question);
    try {
      return await question;
    } finally {
      if (asking.get(key) === question) asking.delete(key);
    }
  }

  return {
    async assertLive(caller) {
      const { refusal } = await answerFor(caller);
      if (refusal !== null) throw refusal;
    },
    revoked({ userId, sessionId }) {
      revocationsHeard += 1;
      const prefix = sessionId === null ? `${userId}:` : `${userId}:${sessionId}:`;
      for (const key of answers.keys()) if (key.startsWith(prefix)) answers.delete(key);
      for (const key of asking.keys()) if (key.startsWith(prefix)) asking.delete(key);
    },
  };
}
