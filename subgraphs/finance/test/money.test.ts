import { describe, expect, it } from 'vitest';
import { formatMoney, moneyFrom } from '../src/money.js';

describe('moneyFrom', () => {
  it('reads decimal strings and JSON numbers exactly', () => {
    expect(formatMoney(moneyFrom('0.1')!.plus(moneyFrom(0.2)!))).toBe('0.30');
    expect(formatMoney(moneyFrom('12')!)).toBe('12.00');
    expect(formatMoney(moneyFrom(' 999999999999.99 ')!)).toBe('999999999999.99');
    expect(formatMoney(moneyFrom('-4.5')!)).toBe('-4.50');
  });

  it.each(['abc', '1.234', '', '1e3', 'NaN', '01.5', '1.', '.5', 'Infinity'])('refuses %j', (text) => {
    expect(moneyFrom(text)).toBeNull();
  });

  it.each([NaN, 0.001, null, undefined, true])('refuses %s', (value) => {
    expect(moneyFrom(value)).toBeNull();
  });

  it('reads amounts past what can be stored as what they are, so a rule can refuse them as too large', () => {
    expect(moneyFrom('1000000000000')!.toFixed(2)).toBe('1000000000000.00');
    expect(moneyFrom(1e21)!.toFixed(0)).toBe('1000000000000000000000');
    // JSON's 1e400 parses as Infinity.
    expect(moneyFrom(JSON.parse('1e400'))!.isFinite()).toBe(false);
    expect(moneyFrom(-Infinity)!.isNegative()).toBe(true);
  });
});
