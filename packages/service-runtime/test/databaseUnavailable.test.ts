// Which failures mean "the database is out of reach, try again" rather than a bug: the shapes
// Prisma 7 with @prisma/adapter-pg and node-postgres give them, as seen during a PostgreSQL restart.
import { describe, expect, it } from 'vitest';
import { formatDatabaseUnavailable, isDatabaseUnavailable } from '../src/databaseUnavailable.js';

const prismaError = (code: string, cause?: object) =>
  Object.assign(new Error('Invalid `prisma.income.create()` invocation'), { code, meta: cause ? { driverAdapterError: { cause } } : {} });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection (P1001)', prismaError('P1001', { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 })],
    ['a pool that timed out waiting for a connection (P2024)', prismaError('P2024')],
    ['a connection the server reset', prismaError('P2010', { kind: 'ConnectionClosed' })],
    ['a server shutting down (57P01)', prismaError('P2010', { kind: 'postgres', code: '57P01', message: 'terminating connection' })],
    ['a server starting up (57P03)', prismaError('P2010', { kind: 'postgres', code: '57P03' })],
    ['a server out of connections', prismaError('P2010', { kind: 'TooManyConnections' })],
    [
      'node-postgres refused a new connection while the server shut down (57P03, a raw pool query)',
      Object.assign(new Error('the database system is shutting down'), { severity: 'FATAL', code: '57P03' }),
    ],
    ['node-postgres after its connection broke', new Error('Client has encountered a connection error and is not queryable')],
    ['node-postgres when the server went away', new Error('Connection terminated unexpectedly')],
    [
      'a socket error wrapped as a cause',
      new Error('query failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) }),
    ],
  ])('is true for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation (P2002)', prismaError('P2002', { kind: 'UniqueConstraintViolation' })],
    ['a record not found (P2025)', prismaError('P2025')],
    ['a syntax error (42601)', prismaError('P2010', { kind: 'postgres', code: '42601' })],
    [
      'a syntax error from node-postgres (42601)',
      Object.assign(new Error('syntax error at or near "SELEC"'), { severity: 'ERROR', code: '42601' }),
    ],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error at all', 'P1001'],
  ])('is false for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('formatDatabaseUnavailable', () => {
  it('answers SERVICE_UNAVAILABLE on the field’s path, without the driver’s words', () => {
    const formatted = formatDatabaseUnavailable(
      { message: 'Connection terminated unexpectedly', path: ['addIncome'] },
      prismaError('P1001'),
    );
    expect(formatted).toEqual({
      message: 'The service’s database could not be reached; try again shortly (a write with the same Idempotency-Key)',
      path: ['addIncome'],
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
  });

  it('leaves any other error to the next formatter', () => {
    expect(formatDatabaseUnavailable({ message: 'boom' }, new Error('boom'))).toBeUndefined();
  });
});
