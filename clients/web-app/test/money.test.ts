import { describe, expect, it } from 'vitest';
import { formatMoney, remainingAmount } from '../src/money.js';

describe('money in the web app', () => {
  it('groups thousands and shows two places from the decimal string itself', () => {
    expect(formatMoney('1250.5')).toBe('1,250.50');
    expect(formatMoney('-1234567.89')).toBe('-1,234,567.89');
    expect(formatMoney('0.1')).toBe('0.10');
  });

  it('works out what remains of a target exactly, never below zero', () => {
    expect(remainingAmount('1000.00', '125.50')).toBe('874.50');
    expect(remainingAmount('0.30', '0.10')).toBe('0.20');
    expect(remainingAmount('999999999999.99', '0.01')).toBe('999999999999.98');
    expect(remainingAmount('100.00', '150.25')).toBe('0.00');
    expect(remainingAmount('100', 'lots')).toBeNull();
  });
});
