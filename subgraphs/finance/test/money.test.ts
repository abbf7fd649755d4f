import { describe, expect, it } from 'vitest';
import { formatMoney, moneyFrom } from '../src/money.js';

describe('moneyFrom', () => {
  it('reads decimal strings and JSON numbers exactly', () => {
    expect(formatMoney(moneyFrom('0.1')!.plus(moneyFrom(0.2)!))).toBe('0.30');
    expect(formatMoney(moneyFrom('12')!)).toBe('12.00');
    expect(formatMoney(moneyFrom(' 999999999999.99 ')!)).toBe('999999999999.99');
    expect(formatMoney(moneyFrom('-4.5')!)).toBe('-4.50');
  });

  it.each(['abc', '1.234', '', '1e3', 'NaN', '01.5', '1.', '.5', '1000000000000'])('refuses %j', (text) => {
    expect(moneyFrom(text)).toBeNull();
  });

  it.each([Infinity, NaN, 1e21, 0.001, null, undefined, true])('refuses %s', (value) => {
    expect(moneyFrom(value)).toBeNull();
  });
});
