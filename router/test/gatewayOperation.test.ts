import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import type { RouterContext } from '../src/context.js';
import { RestError } from '../src/rest/errorModel.js';
import { operationRunner } from '../src/rest/gatewayOperation.js';
import { AddIncomeOperation } from '../src/rest/operations/finance.js';
import { callerFor } from '../../test/support/callers.js';
import { rejectionOf } from '../../test/support/thrown.js';

const VARIABLES = { amount: '12.5', source: 'Salary', date: '2026-11-25' };

/** An Apollo Server that answers every operation with `body`, and the context the runner was made with. */
function runnerAnswering(body: unknown, headers = new HeaderMap()) {
  const executeOperation = vi.fn(async () => ({ http: { headers }, body }));
  const logError = vi.fn();
  const context: RouterContext = {
    caller: callerFor(7),
    requestId: 'req-1',
    idempotencyKey: null,
    clientAddress: '127.0.0.1',
    log: { error: logError } as unknown as Logger,
  };
  const passed = new Map<string, string>();
  const run = operationRunner({ executeOperation } as unknown as ApolloServer<RouterContext>, context, (name, value) =>
    passed.set(name, value),
  );
  return { run, executeOperation, context, logError, passed };
}

const answering = (singleResult: { data?: unknown; errors?: GraphQLFormattedError[] }) => runnerAnswering({ kind: 'single', singleResult });

describe('operationRunner', () => {
  it('runs the operation as the caller and answers its data', async () => {
    const { run, executeOperation, context } = answering({ data: { addIncome: { id: '12' } } });
    await expect(run(AddIncomeOperation, VARIABLES)).resolves.toEqual({ addIncome: { id: '12' } });
    expect(executeOperation).toHaveBeenCalledWith({ query: AddIncomeOperation, variables: VARIABLES }, { contextValue: context });
  });

  it('passes on whether the response cache answered, and no other header', async () => {
    const headers = new HeaderMap([
      ['x-ledgerline-cache', 'hit'],
      ['cache-control', 'no-store'],
    ]);
    const { run, passed } = runnerAnswering({ kind: 'single', singleResult: { data: { addIncome: { id: '12' } } } }, headers);
    await run(AddIncomeOperation, VARIABLES);
    expect(Object.fromEntries(passed)).toEqual({ 'x-ledgerline-cache': 'hit' });
  });

  it('turns a refusal with a field into a RestError naming that field', async () => {
    const { run } = answering({
      data: null,
      errors: [{ message: 'amount: must be greater than 0', extensions: { code: 'BAD_USER_INPUT', field: 'amount' } }],
    });
    const error = await rejectionOf(run(AddIncomeOperation, VARIABLES));
    expect(error).toBeInstanceOf(RestError);
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'amount: must be greater than 0',
      fields: [{ field: 'amount', message: 'must be greater than 0' }],
    });
  });

  it('keeps the whole message as the problem when it does not start with the field', async () => {
    const { run } = answering({ errors: [{ message: 'That email is taken', extensions: { code: 'EMAIL_TAKEN', field: 'email' } }] });
    expect(await rejectionOf(run(AddIncomeOperation, VARIABLES))).toMatchObject({
      code: 'EMAIL_TAKEN',
      message: 'That email is taken',
      fields: [{ field: 'email', message: 'That email is taken' }],
    });
  });

  it('turns a refusal without a field into a RestError without details, answering the first error only', async () => {
    const { run } = answering({
      errors: [
        { message: 'You may only read your own finance records', extensions: { code: 'FORBIDDEN' } },
        { message: 'No user with this id', extensions: { code: 'NOT_FOUND' } },
      ],
    });
    const error = await rejectionOf(run(AddIncomeOperation, VARIABLES));
    expect(error).toMatchObject({ code: 'FORBIDDEN', message: 'You may only read your own finance records' });
    expect((error as RestError).body.error).not.toHaveProperty('details');
  });

  it.each([
    ['an internal error', { code: 'INTERNAL_SERVER_ERROR' }],
    ['a query the schema refuses', { code: 'GRAPHQL_VALIDATION_FAILED' }],
    ['an error without a code', undefined],
  ])('answers %s as a 500 that shows nothing of it, and logs it', async (_case, extensions) => {
    const graphqlError = { message: 'Cannot query field "secret" on type "User"', ...(extensions === undefined ? {} : { extensions }) };
    const { run, logError } = answering({ errors: [graphqlError] });
    const error = await rejectionOf(run(AddIncomeOperation, VARIABLES));
    expect(error).toBeInstanceOf(RestError);
    expect(error).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
    expect((error as RestError).fields).toBeUndefined();
    expect(logError).toHaveBeenCalledWith({ graphqlError }, 'GraphQL operation behind a REST route failed');
  });

  it('does not log a refusal the caller can act on', async () => {
    const { run, logError } = answering({ errors: [{ message: 'No user with this id', extensions: { code: 'NOT_FOUND' } }] });
    await rejectionOf(run(AddIncomeOperation, VARIABLES));
    expect(logError).not.toHaveBeenCalled();
  });

  it.each([null, undefined])('fails when GraphQL answers neither data nor errors (data %s)', async (data) => {
    const { run } = answering(data === undefined ? { errors: [] } : { data });
    const error = await rejectionOf(run(AddIncomeOperation, VARIABLES));
    expect(error).not.toBeInstanceOf(RestError);
    expect((error as Error).message).toBe('GraphQL answered neither data nor errors');
  });

  it('refuses an incremental (@defer) answer', async () => {
    const { run } = runnerAnswering({ kind: 'incremental' });
    expect(((await rejectionOf(run(AddIncomeOperation, VARIABLES))) as Error).message).toBe('REST operations do not use @defer or @stream');
  });
});
