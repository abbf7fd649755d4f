import { createRequire } from 'node:module';
import type { GraphQLRequestContext, GraphQLRequestListener } from '@apollo/server';
import type { Logger } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { operationLogPlugin, type LoggingContext } from '../src/apolloOperationLog.js';
import { badInput } from '../src/DomainError.js';

// The plugin sees errors made by Apollo Server, which Node loads with graphql's CommonJS build.
const { GraphQLError } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

afterEach(() => {
  vi.restoreAllMocks();
});

async function listenerFor(): Promise<{
  listener: GraphQLRequestListener<LoggingContext>;
  info: ReturnType<typeof vi.fn>;
  error: ReturnType<typeof vi.fn>;
}> {
  const info = vi.fn();
  const error = vi.fn();
  const contextValue = { log: { info, error } as unknown as Logger };
  const started = await operationLogPlugin<LoggingContext>().requestDidStart!({ contextValue } as GraphQLRequestContext<LoggingContext>);
  return { listener: started!, info, error };
}

type WillSend = Parameters<NonNullable<GraphQLRequestListener<LoggingContext>['willSendResponse']>>[0];
type DidEncounter = Parameters<NonNullable<GraphQLRequestListener<LoggingContext>['didEncounterErrors']>>[0];

const fromResolver = (error: Error, path: string[]) => new GraphQLError(error.message, { path, originalError: error });

describe('operationLogPlugin', () => {
  it('logs one line per operation with its name, duration in milliseconds and error codes', async () => {
    vi.spyOn(process.hrtime, 'bigint').mockReturnValueOnce(1_000_000_000n).mockReturnValueOnce(1_250_000_000n);
    const { listener, info } = await listenerFor();
    const errors = [
      fromResolver(badInput('amount', 'must be greater than 0'), ['addIncome']),
      new GraphQLError('Not signed in', { extensions: { code: 'UNAUTHENTICATED' } }),
      fromResolver(new Error('connection refused'), ['user']),
    ];
    await listener.willSendResponse!({ operationName: 'AddIncome', errors } as unknown as WillSend);
    expect(info).toHaveBeenCalledWith(
      { operationName: 'AddIncome', durationMs: 250, errorCodes: ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'INTERNAL_SERVER_ERROR'] },
      'graphql operation',
    );
  });

  it('logs no error codes for an operation that succeeded', async () => {
    const { listener, info } = await listenerFor();
    await listener.willSendResponse!({ operationName: null } as unknown as WillSend);
    expect(info).toHaveBeenCalledWith(expect.objectContaining({ operationName: null, errorCodes: undefined }), 'graphql operation');
  });

  it('logs an unexpected failure as an error, with the original error and its path', async () => {
    const { listener, error } = await listenerFor();
    const cause = new Error('connection to 10.0.0.5 refused');
    await listener.didEncounterErrors!({ errors: [fromResolver(cause, ['user', 'incomes'])] } as unknown as DidEncounter);
    expect(error).toHaveBeenCalledWith({ err: cause, path: ['user', 'incomes'] }, 'unexpected error');
  });

  it('logs an unexpected failure without an original error as itself', async () => {
    const { listener, error } = await listenerFor();
    const failure = new GraphQLError('Subgraph answered 502', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    await listener.didEncounterErrors!({ errors: [failure] } as unknown as DidEncounter);
    expect(error).toHaveBeenCalledWith({ err: failure, path: undefined }, 'unexpected error');
  });

  it('does not log refusals the domain meant as errors', async () => {
    const { listener, error } = await listenerFor();
    const refusals = [
      fromResolver(badInput('amount', 'must be greater than 0'), ['addIncome']),
      new GraphQLError('Forbidden', { extensions: { code: 'FORBIDDEN' } }),
    ];
    await listener.didEncounterErrors!({ errors: refusals } as unknown as DidEncounter);
    expect(error).not.toHaveBeenCalled();
  });
});
