// Text a person could have typed: no control characters. PostgreSQL refuses NUL in text columns
// (a 500 if it got that far), and the others (C0, DEL, C1) only ever hide or forge what a reader
// sees, so every text input of every service is checked here, in one way, before it is used.
import { badInput } from './DomainError.js';

/** C0 (U+0000–U+001F, tab and line breaks included), DEL (U+007F) and C1 (U+0080–U+009F). */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's whole job
const CONTROL_CHARACTER = /[\u0000-\u001F\u007F-\u009F]/u;

export const hasControlCharacter = (text: string): boolean => CONTROL_CHARACTER.test(text);

/** The text unchanged, or BAD_USER_INPUT naming `field` when it holds a control character. */
export function plainText(field: string, text: string): string {
  if (hasControlCharacter(text)) throw badInput(field, 'must not contain control characters (such as NUL, tab or line breaks)');
  return text;
}
