import { describe, expect, it } from 'vitest';
import { amountFromMoney, idFromGraphQL, moneyFromAmount } from '../src/rest/scalars.js';

describe('REST amounts and GraphQL Money', () => {
  it('reads Money text as the JSON number it writes', () => {
    expect(amountFromMoney('1250.50')).toBe(1250.5);
    expect(amountFromMoney('0.10')).toBe(0.1);
    expect(amountFromMoney('-4.00')).toBe(-4);
  });

  it('writes a JSON amount as the shortest Money text that reads back the same', () => {
    expect(moneyFromAmount(0.1)).toBe('0.1');
    expect(moneyFromAmount(1250.5)).toBe('1250.5');
    expect(moneyFromAmount(12)).toBe('12');
  });

  it.each(['999999999999.99', '0.01', '123456789.12'])('round-trips %s, every digit kept', (money) => {
    expect(moneyFromAmount(amountFromMoney(money))).toBe(money);
  });
});

describe('REST ids and GraphQL IDs', () => {
  it('reads a GraphQL ID as a JSON number', () => {
    expect(idFromGraphQL('12')).toBe(12);
    expect(idFromGraphQL('2147483647')).toBe(2_147_483_647);
  });
});
