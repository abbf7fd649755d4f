import { DomainError } from '@ledgerline/service-runtime';
import { describe, expect, it } from 'vitest';
import { assertSelf, refusedChange } from '../src/ownership.js';

describe('assertSelf', () => {
  it('lets a user read their own finance records', () => {
    expect(() => assertSelf(7, 7)).not.toThrow();
  });

  it('refuses anyone else with FORBIDDEN', () => {
    const refuse = () => assertSelf(7, 8);
    expect(refuse).toThrow(DomainError);
    expect(refuse).toThrow(expect.objectContaining({ code: 'FORBIDDEN', message: 'You may only read your own finance records' }));
  });
});

describe('refusedChange', () => {
  it('answers NOT_FOUND for an id nobody owns', () => {
    expect(refusedChange('income', null, 7)).toMatchObject({ code: 'NOT_FOUND', message: 'No income with this id' });
  });

  it('answers FORBIDDEN for another user’s record', () => {
    expect(refusedChange('expense', 8, 7)).toMatchObject({ code: 'FORBIDDEN', message: 'This expense belongs to another user' });
  });

  it('answers NOT_FOUND when the caller’s own record went away meanwhile', () => {
    const error = refusedChange('savings goal', 7, 7);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'No savings goal with this id' });
  });
});
