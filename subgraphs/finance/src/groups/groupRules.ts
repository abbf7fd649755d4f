// The rules a savings group's input follows, checked before anything is written (the same
// FieldRule shape as the owned records' rules in recordRules.ts).
import { randomBytes } from 'node:crypto';
import { badInput, plainText } from '@ledgerline/service-runtime';
import { calendarDay, positiveAmount, textOfAtMost, type FieldRule } from '../recordRules.js';
import type { Money } from '../money.js';

export const MAX_MESSAGE_LENGTH = 280;

export const groupName = textOfAtMost(100);
export const targetAmount: FieldRule<Money> = positiveAmount;
export const contributionAmount: FieldRule<Money> = positiveAmount;

/** Today in UTC, as the midnight Date that PostgreSQL `date` columns read as. */
export function todayUtc(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** A deadline is a calendar day, today (UTC) or later: a group that is closed from the start helps nobody. */
export const deadline: FieldRule<Date> = (field, value) => {
  const day = calendarDay(field, value);
  if (day < todayUtc()) throw badInput(field, 'must be today or later');
  return day;
};

/** An optional message: absent, null or blank means none; otherwise at most 280 characters, trimmed. */
export const contributionMessage: FieldRule<string | null> = (field, value) => {
  if (value == null) return null;
  if (typeof value !== 'string') throw badInput(field, 'must be a string');
  const trimmed = plainText(field, value).trim();
  if (trimmed.length > MAX_MESSAGE_LENGTH) throw badInput(field, `must be at most ${MAX_MESSAGE_LENGTH} characters`);
  return trimmed === '' ? null : trimmed;
};

/** 120 random bits, URL-safe: unguessable, and short enough to share in a link or a message. */
export const newInviteCode = (): string => randomBytes(15).toString('base64url');

/** The longest code ever issued; anything longer cannot be one and is not looked up. */
export const MAX_INVITE_CODE_LENGTH = 32;

/**
 * The code to look up, trimmed; null when it cannot be one that was issued (not text, empty or too
 * long), which the caller answers as an unknown code. A control character is refused, naming the field.
 */
export const inviteCodeToLookUp: FieldRule<string | null> = (field, value) => {
  if (typeof value !== 'string') return null;
  const code = plainText(field, value).trim();
  return code === '' || code.length > MAX_INVITE_CODE_LENGTH ? null : code;
};
