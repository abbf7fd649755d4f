// One subscription over graphql-transport-ws, as a client starts it, with its first answer: errors,
// a first event, the socket closed, or nothing yet (subscribed, waiting for events). The subscribe
// message is sent as raw text, so its variables can be what JSON.stringify never writes.
import { graphqlWsSocket } from '../support/graphqlWsSocket.js';
import type { GraphQLError } from './answerVerdicts.js';

export type SubscriptionOutcome =
  | { kind: 'errors'; errors: GraphQLError[] }
  | { kind: 'event'; payload: { data?: unknown; errors?: GraphQLError[] } }
  | { kind: 'closed'; code: number; reason: string }
  | { kind: 'subscribed' }
  | { kind: 'unanswered'; error: string };

/** How long a subscription may stay silent before it counts as accepted: a refusal comes at once. */
const SILENCE_MEANS_SUBSCRIBED_MS = 1_500;

export async function attemptSubscription(
  origin: string,
  token: string,
  query: string,
  variablesJson: string,
): Promise<SubscriptionOutcome> {
  const client = graphqlWsSocket(origin);
  try {
    await client.signIn(token);
  } catch (error) {
    client.socket.terminate();
    return { kind: 'unanswered', error: String(error) };
  }
  const outcome = new Promise<SubscriptionOutcome>((resolve) => {
    const silence = setTimeout(() => resolve({ kind: 'subscribed' }), SILENCE_MEANS_SUBSCRIBED_MS);
    client.socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as { type: string; id?: string; payload?: any };
      if (message.id !== 'abuse') return;
      clearTimeout(silence);
      if (message.type === 'error') resolve({ kind: 'errors', errors: message.payload as GraphQLError[] });
      else if (message.type === 'next') resolve({ kind: 'event', payload: message.payload });
      else resolve({ kind: 'subscribed' });
    });
    client.socket.on('close', (code, reason) => {
      clearTimeout(silence);
      resolve({ kind: 'closed', code, reason: reason.toString() });
    });
  });
  client.socket.send(`{"type":"subscribe","id":"abuse","payload":{"query":${JSON.stringify(query)},"variables":${variablesJson}}}`);
  const result = await outcome;
  client.socket.close(1000);
  return result;
}
