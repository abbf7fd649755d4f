// JSON text with values JSON.stringify cannot write (1e400, integers past double precision) spliced
// in as they are, and fields left out, as a malformed client would send them.
import type { Malformation } from './malformedValues.js';

/** `base` with `field` (a dotted path into nested objects) set to the malformation, as JSON text. */
export function jsonWith(base: Record<string, unknown>, field: string, malformation: Malformation): string {
  const sentinel = `@@raw-json-${Math.random().toString(36).slice(2)}@@`;
  const copy = structuredClone(base);
  const keys = field.split('.');
  const last = keys.pop()!;
  let holder: Record<string, unknown> = copy;
  for (const key of keys) holder = holder[key] as Record<string, unknown>;
  if ('missing' in malformation) delete holder[last];
  else holder[last] = 'rawJson' in malformation ? sentinel : malformation.value;
  const text = JSON.stringify(copy);
  return 'rawJson' in malformation ? text.replace(JSON.stringify(sentinel), malformation.rawJson) : text;
}

/** A short, printable form of a malformation, for the list of offenders. */
export function describeInput(malformation: Malformation): string {
  if ('missing' in malformation) return 'missing';
  const text = 'rawJson' in malformation ? malformation.rawJson : JSON.stringify(malformation.value);
  return text.length > 60 ? `${text.slice(0, 40)}… (${text.length} characters)` : text;
}
