// The one control-character check every service's text inputs go through.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../src/DomainError.js';
import { hasControlCharacter, plainText } from '../src/plainText.js';
import { thrownBy } from '../../../test/support/thrown.js';

const codePoints = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => String.fromCodePoint(from + index));

describe('plainText', () => {
  it.each([
    ['C0', codePoints(0x00, 0x1f)],
    ['DEL', ['\u007f']],
    ['C1', codePoints(0x80, 0x9f)],
  ])('refuses every %s control character, anywhere in the text, naming the field', (_range, characters) => {
    for (const character of characters) {
      for (const text of [character, `Sal${character}ary`, `Salary${character}`]) {
        const refusal = thrownBy(() => plainText('source', text), DomainError);
        expect(refusal, `U+${character.codePointAt(0)?.toString(16)}`).toMatchObject({
          code: 'BAD_USER_INPUT',
          details: { field: 'source' },
        });
        expect(refusal.message).toMatch(/^source: must not contain control characters/);
      }
    }
  });

  it('lets printable text through unchanged, whatever its script, including spaces and emoji', () => {
    for (const text of ['Salary', ' padded ', 'Café crème', 'Ａｄａ', 'ß', 'مرحبا', '😀 savings', '\u00a0no-break', '\u2028', '']) {
      expect(plainText('source', text)).toBe(text);
    }
  });

  it('tells control characters apart from their printable neighbours', () => {
    expect(hasControlCharacter('\u001f')).toBe(true);
    expect(hasControlCharacter('\u0020')).toBe(false);
    expect(hasControlCharacter('\u007e')).toBe(false);
    expect(hasControlCharacter('\u009f')).toBe(true);
    expect(hasControlCharacter('\u00a0')).toBe(false);
  });
});
