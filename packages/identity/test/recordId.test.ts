import { describe, expect, it } from 'vitest';
import { MAX_RECORD_ID, parseRecordId } from '../src/index.js';

describe('parseRecordId', () => {
  it.each([
    ['1', 1],
    ['42', 42],
    ['2147483647', 2_147_483_647],
  ])('reads %j as the id %d', (text, id) => {
    expect(parseRecordId(text)).toBe(id);
  });

  it('accepts the largest id a PostgreSQL integer column holds, and nothing above', () => {
    expect(parseRecordId(String(MAX_RECORD_ID))).toBe(MAX_RECORD_ID);
    expect(parseRecordId(String(MAX_RECORD_ID + 1))).toBeNull();
  });

  it.each(['0', '01', '2147483648', '9999999999', '12345678901', '-1', '1.5', ' 1', '1 ', '', '1e3', 'abc', '0x10'])(
    'refuses the text %j',
    (text) => {
      expect(parseRecordId(text)).toBeNull();
    },
  );

  it.each([1, true, null, undefined, ['1'], { id: '1' }])('refuses %j, which is not text', (value) => {
    expect(parseRecordId(value)).toBeNull();
  });
});
