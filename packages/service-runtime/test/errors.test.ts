// How errors cross the subgraph's edge: refusals the domain meant reach the caller as written,
// anything else only as a code; and how the data layer recognises Prisma's errors.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { badInput, DomainError, formatDomainError } from '../src/DomainError.js';
import { maskInternalErrors } from '../src/maskInternalErrors.js';
import { isPrismaError } from '../src/prismaErrors.js';

// Apollo Server, loaded by Node, holds graphql's CommonJS build; vitest would give this file the
// ES module build, whose GraphQLError Apollo does not recognise. In a service both are the same one.
const { GraphQLError } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/** A DomainError as Apollo hands it to formatError: wrapped by the resolver that raised it. */
const raisedInResolver = (error: Error, path = ['addIncome']) => new GraphQLError(error.message, { path, originalError: error });

describe('badInput', () => {
  it('names the field first in the message, and in the details', () => {
    const error = badInput('amount', 'must be greater than 0');
    expect(error).toBeInstanceOf(DomainError);
    expect(error.message).toBe('amount: must be greater than 0');
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.details).toEqual({ field: 'amount' });
  });
});

describe('DomainError', () => {
  it('is an Error named DomainError, with no details unless given', () => {
    const error = new DomainError('NOT_FOUND', 'No income with this id');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DomainError');
    expect(error.details).toEqual({});
  });
});

describe('formatDomainError', () => {
  it('shows the caller the message, code and details of a refusal, where it happened', () => {
    const formatted = {
      message: 'ignored',
      locations: [{ line: 2, column: 5 }],
      path: ['addIncome'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
    expect(formatDomainError(formatted, raisedInResolver(badInput('amount', 'must be greater than 0')))).toEqual({
      message: 'amount: must be greater than 0',
      locations: [{ line: 2, column: 5 }],
      path: ['addIncome'],
      extensions: { code: 'BAD_USER_INPUT', field: 'amount' },
    });
  });

  it('adds neither locations nor a path the formatted error did not have', () => {
    const result = formatDomainError({ message: 'ignored' }, new DomainError('FORBIDDEN', 'You may only read your own finance records'));
    expect(result).toEqual({ message: 'You may only read your own finance records', extensions: { code: 'FORBIDDEN' } });
    expect(result).not.toHaveProperty('locations');
    expect(result).not.toHaveProperty('path');
  });

  it('leaves any other error to the next formatter', () => {
    expect(formatDomainError({ message: 'boom' }, raisedInResolver(new Error('connection refused')))).toBeUndefined();
    expect(formatDomainError({ message: 'boom' }, new GraphQLError('Syntax Error'))).toBeUndefined();
    expect(formatDomainError({ message: 'boom' }, 'a thrown string')).toBeUndefined();
  });
});

describe('maskInternalErrors', () => {
  it('hides the message of an internal error, keeping only its path and the code', () => {
    const masked = maskInternalErrors({
      message: 'connection to 10.0.0.5 refused',
      locations: [{ line: 1, column: 3 }],
      path: ['user', 'incomes'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: connection to 10.0.0.5 refused', '    at db.ts:12'] },
    });
    expect(masked).toEqual({ message: 'Internal server error', path: ['user', 'incomes'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(masked)).not.toContain('10.0.0.5');
  });

  it('hides an error that carries no code at all, or no extensions', () => {
    const noCode = maskInternalErrors({ message: 'relation "income" does not exist', extensions: { detail: 'income' } });
    const noExtensions = maskInternalErrors({ message: 'Cannot read properties of undefined' });
    expect(noCode).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(noExtensions).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('adds no path to an error that had none', () => {
    expect(maskInternalErrors({ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } })).not.toHaveProperty('path');
  });

  it.each(['BAD_USER_INPUT', 'FORBIDDEN', 'UNAUTHENTICATED', 'GRAPHQL_VALIDATION_FAILED'])(
    'passes an error coded %s through unchanged',
    (code) => {
      const formatted = { message: 'amount: must be greater than 0', path: ['addIncome'], extensions: { code, field: 'amount' } };
      expect(maskInternalErrors(formatted)).toBe(formatted);
      expect(formatted).toEqual({ message: 'amount: must be greater than 0', path: ['addIncome'], extensions: { code, field: 'amount' } });
    },
  );
});

describe('isPrismaError', () => {
  it('recognises an error carrying the asked-for code', () => {
    expect(isPrismaError(Object.assign(new Error('Unique constraint failed'), { code: 'P2002' }), 'P2002')).toBe(true);
    expect(isPrismaError({ code: 'P2025' }, 'P2025')).toBe(true);
  });

  it('does not mistake another code for it', () => {
    expect(isPrismaError({ code: 'P2025' }, 'P2002')).toBe(false);
  });

  it.each([null, undefined, 'P2002', 2002, new Error('P2002'), { message: 'P2002' }])('says no for %j, which carries no code', (error) => {
    expect(isPrismaError(error, 'P2002')).toBe(false);
  });
});
