import { DomainError } from '@ledgerline/service-runtime';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../../../test/support/thrown.js';
import {
  canonicalUsername,
  checkGivenPassword,
  checkNewPassword,
  emailsToSignInWith,
  normalizeEmail,
  normalizeProfileChanges,
  normalizeUsername,
} from '../src/accountRules.js';

/** The BAD_USER_INPUT a rule answers, as the caller sees it. */
function refusal(check: () => unknown): { message: string; code: string; field: unknown } {
  const { message, code, details } = thrownBy(check, DomainError);
  return { message, code, field: details['field'] };
}

const USERNAME_RULE = "username: must be 3 to 32 characters of letters, digits, '.', '_' or '-'";

describe('normalizeUsername', () => {
  it('trims the username', () => {
    expect(normalizeUsername('  ada.lovelace  ')).toBe('ada.lovelace');
  });

  it.each(['abc', 'x'.repeat(32), 'Ada_Lovelace-1815.x', '007'])('accepts %j', (username) => {
    expect(normalizeUsername(username)).toBe(username);
  });

  it.each(['ab', 'x'.repeat(33), 'ada lovelace', 'ada@home', 'adá', 'a/b', ' ab '])('refuses %j', (username) => {
    expect(refusal(() => normalizeUsername(username))).toEqual({ message: USERNAME_RULE, code: 'BAD_USER_INPUT', field: 'username' });
  });

  it.each(['', '   '])('refuses %j as empty', (username) => {
    expect(refusal(() => normalizeUsername(username))).toEqual({
      message: 'username: must not be empty',
      code: 'BAD_USER_INPUT',
      field: 'username',
    });
  });

  it('reads a fullwidth or other compatibility form as the plain name it looks like, keeping its case', () => {
    expect(normalizeUsername('ａｄａ')).toBe('ada');
    expect(normalizeUsername('ＡＤＡ')).toBe('ADA');
  });

  it.each(['ada\u0000', '\tada', 'ada\n', 'a\u007fda', 'ada\u0085'])('refuses %j for its control character', (username) => {
    expect(refusal(() => normalizeUsername(username))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'username' });
    expect(refusal(() => normalizeUsername(username)).message).toMatch(/control characters/);
  });
});

describe('canonicalUsername', () => {
  it('makes names that differ only by case, or by compatibility form, one name', () => {
    const canonical = (typed: string) => canonicalUsername(normalizeUsername(typed));
    expect(new Set(['ada', 'ADA', 'Ada', 'ａｄａ', 'ＡＤＡ'].map(canonical))).toEqual(new Set(['ada']));
    expect(canonical('Ada.L')).not.toBe(canonical('Ada_L'));
  });
});

describe('normalizeEmail', () => {
  it('lower-cases and trims the address, so it compares without regard to case', () => {
    expect(normalizeEmail('  Ada@Example.COM ')).toBe('ada@example.com');
  });

  it('accepts an address of 254 characters, and refuses one of 255', () => {
    const ofLength = (length: number) => `${'a'.repeat(length - '@example.com'.length)}@example.com`;
    expect(normalizeEmail(ofLength(254))).toBe(ofLength(254));
    expect(refusal(() => normalizeEmail(ofLength(255)))).toEqual({
      message: 'email: is not a valid email address',
      code: 'BAD_USER_INPUT',
      field: 'email',
    });
  });

  it.each([
    'ada',
    'ada@example',
    '@example.com',
    'ada@.com.',
    'ada@@example.com',
    'ada lovelace@example.com',
    'ada@exa mple.com',
    'ada@example.',
    'ada@example.com lovelace',
  ])('refuses %j', (email) => {
    expect(refusal(() => normalizeEmail(email))).toEqual({
      message: 'email: is not a valid email address',
      code: 'BAD_USER_INPUT',
      field: 'email',
    });
  });

  it.each(['', '  '])('refuses %j as empty', (email) => {
    expect(refusal(() => normalizeEmail(email))).toEqual({ message: 'email: must not be empty', code: 'BAD_USER_INPUT', field: 'email' });
  });

  it('reads fullwidth letters as the plain ones, lower-cased', () => {
    expect(normalizeEmail('ＡＤＡ@example.com')).toBe('ada@example.com');
  });

  it('refuses a control character, naming the field', () => {
    expect(refusal(() => normalizeEmail('ada@example.com\u0000'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
  });
});

describe('emailsToSignInWith', () => {
  it('looks up the folded address, and the address as stored before folding when that differs', () => {
    expect(emailsToSignInWith(' Ada@Example.com ')).toEqual(['ada@example.com']);
    expect(emailsToSignInWith('ＡＤＡ@example.com')).toEqual(['ada@example.com', 'ａｄａ@example.com']);
  });

  it('refuses a control character before anything is looked up', () => {
    expect(refusal(() => emailsToSignInWith('ada@example.com\u0000'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
  });
});

describe('normalizeProfileChanges', () => {
  it('normalizes what is given and leaves out what is omitted or null', () => {
    expect(normalizeProfileChanges({ username: ' ada ', email: ' Ada@Example.COM' })).toEqual({
      username: 'ada',
      email: 'ada@example.com',
    });
    expect(normalizeProfileChanges({ username: 'ada' })).toEqual({ username: 'ada' });
    expect(normalizeProfileChanges({ username: null, email: 'Ada@Example.COM' })).toEqual({ email: 'ada@example.com' });
  });

  it.each([{}, { username: null, email: null }])('refuses %j: there is nothing to change', (input) => {
    expect(refusal(() => normalizeProfileChanges(input))).toEqual({
      message: 'username: give username, email or both',
      code: 'BAD_USER_INPUT',
      field: 'username',
    });
  });

  it('refuses an unacceptable value by the rules of registration', () => {
    expect(refusal(() => normalizeProfileChanges({ username: 'ab', email: 'ada@example.com' }))).toMatchObject({ field: 'username' });
    expect(refusal(() => normalizeProfileChanges({ email: 'ada@example' }))).toMatchObject({ field: 'email' });
  });
});

describe('checkGivenPassword', () => {
  it('refuses a control character, naming the field, and lets anything else through as typed', () => {
    expect(refusal(() => checkGivenPassword('secret\u0000'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    expect(checkGivenPassword(' spaced pässwörd ')).toBe(' spaced pässwörd ');
  });
});

describe('checkNewPassword', () => {
  it('refuses a control character, naming the field', () => {
    expect(refusal(() => checkNewPassword('long enough\u0007'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
  });

  it.each([8, 256])('accepts a password of %d characters', (length) => {
    expect(() => checkNewPassword('p'.repeat(length))).not.toThrow();
  });

  it('refuses a password of 7 characters', () => {
    expect(refusal(() => checkNewPassword('p'.repeat(7)))).toEqual({
      message: 'password: must be at least 8 characters',
      code: 'BAD_USER_INPUT',
      field: 'password',
    });
  });

  it('refuses a password of 257 characters', () => {
    expect(refusal(() => checkNewPassword('p'.repeat(257)))).toEqual({
      message: 'password: must be at most 256 characters',
      code: 'BAD_USER_INPUT',
      field: 'password',
    });
  });
});
