// The replica that carries a logout, a password change, signing out everywhere or an account
// deletion forgets the caller's token answers as the answer leaves, so the caller's very next
// request through it is checked afresh, without waiting for the revocation feed to echo it back.
// The other replicas hear it on the feed (tokenLiveness.ts).
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, OperationTypeNode } from 'graphql';
import type { RouterContext } from './context.js';
import type { TokenLiveness } from './tokenLiveness.js';

/** The User subgraph's mutations that end sessions: the caller's own only, or every one of the account. */
const ENDS_SESSIONS: Record<string, 'this session' | 'every session'> = {
  logout: 'this session',
  changePassword: 'every session',
  signOutEverywhere: 'every session',
  deleteAccount: 'every session',
};

export function forgetEndedSessions(liveness: TokenLiveness): ApolloServerPlugin<RouterContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        // Whether it succeeded or not: forgetting only costs the next request one question.
        willSendResponse({ contextValue, operation }) {
          const { caller } = contextValue;
          if (caller === null || operation?.operation !== OperationTypeNode.MUTATION) return Promise.resolve();
          for (const selection of operation.selectionSet.selections) {
            const ends = selection.kind === Kind.FIELD ? ENDS_SESSIONS[selection.name.value] : undefined;
            if (ends === undefined) continue;
            liveness.revoked({ userId: caller.userId, sessionId: ends === 'this session' ? caller.sessionId : null });
          }
          return Promise.resolve();
        },
      }),
  };
}
