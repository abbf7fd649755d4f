// The malformed values tried on one field, generated from what the field is (its type, its length
// limit, whether it is an id), so a new field of a known kind is covered without listing anything.
// Values that JSON.stringify cannot write (1e400, 2^53 + 1 exactly, a 400-digit integer) are kept as
// raw JSON text and spliced into the body as they are.

/** What a field is, as the REST contract or the GraphQL schema says it. */
export interface FieldShape {
  kind: 'text' | 'integer' | 'number' | 'money' | 'date' | 'id' | 'boolean' | 'enum';
  /** The longest text accepted, when the definition says it ("1 to 200 characters"). */
  maxLength?: number;
  /** The largest integer accepted, when the definition says it. */
  maximum?: number;
  /**
   * A password: only its hash is stored and it is never shown, so which characters it holds is its
   * owner's business; control characters in it need not be refused.
   */
  secret?: boolean;
}

export type Malformation = {
  label: string;
  /** A control character in text, which every text field and filter must refuse (never store or match on). */
  mustBeRefused?: boolean;
} & ({ value: unknown } | { rawJson: string } | { missing: true });

/** Larger than the router's body limit (1 MB by default), whatever else the field allows. */
export const PAST_BODY_LIMIT = 1_100_000;

/** Control characters (C0, DEL, C1 next line), each inside otherwise ordinary text. */
const CONTROL_CHARACTERS = { NUL: '\u0000', SOH: '\u0001', ESC: '\u001b', DEL: '\u007f', NEL: '\u0085' };

/** Not a valid id, but close enough that a lenient parser might take it; no record has this id. */
const UNLIKELY_ID = '987654321';

const value = (label: string, v: unknown): Malformation => ({ label, value: v });
const raw = (label: string, rawJson: string): Malformation => ({ label, rawJson });
const controlCharacter = (shape: FieldShape, label: string, text: string): Malformation => ({
  label,
  value: text,
  ...(shape.secret === true ? {} : { mustBeRefused: true }),
});

/** Every field: each JSON type it is not, null and absence. */
function wrongTypes(shape: FieldShape): Malformation[] {
  const all = [
    value('a number', Number(UNLIKELY_ID)),
    value('a string', 'twelve'),
    value('a boolean', true),
    value('null', null),
    value('an array', [UNLIKELY_ID]),
    value('an object', { value: UNLIKELY_ID }),
    { label: 'missing', missing: true as const },
  ];
  // Money takes a number or a string, as its scalar documents.
  const ownTypes: Record<FieldShape['kind'], string[]> = {
    text: ['a string'],
    id: ['a string'],
    date: ['a string'],
    enum: ['a string'],
    integer: ['a number'],
    number: ['a number'],
    money: ['a number', 'a string'],
    boolean: ['a boolean'],
  };
  return all.filter((malformation) => !ownTypes[shape.kind].includes(malformation.label));
}

function textValues(shape: FieldShape): Malformation[] {
  const limit = shape.maxLength;
  return [
    value('empty', ''),
    value('only spaces', '   '),
    ...Object.entries(CONTROL_CHARACTERS).map(([name, character]) =>
      controlCharacter(shape, `${name} inside text`, `Groceries${character}more`),
    ),
    controlCharacter(shape, 'only NUL', '\u0000'),
    value('a lone high surrogate', 'ab\ud800cd'),
    value('a lone low surrogate', '\udfff'),
    value('a right-to-left override', 'abc\u202edef'),
    value('zero-width and byte-order marks', '\ufeff\u200b\u200b'),
    value('a combining mark alone', '\u0301'),
    value('a non-character', 'x\uffffx'),
    value('a line separator', 'one\u2028two'),
    ...(limit === undefined ? [] : [value(`${limit + 1} characters (the limit is ${limit})`, 'a'.repeat(limit + 1))]),
    value('10,000 characters', 'a'.repeat(10_000)),
    value('past the 1 MB body limit', 'a'.repeat(PAST_BODY_LIMIT)),
  ];
}

/** Numbers at and past every limit: zero, negatives, fractions, 2^31, 2^53 and beyond double range. */
function numberValues(): Malformation[] {
  return [
    value('zero', 0),
    value('minus one', -1),
    value('a fraction of a cent', 0.001),
    value('1e12', 1e12),
    value('2^31', 2 ** 31),
    value('-(2^31) - 1', -(2 ** 31) - 1),
    value('2^53', 2 ** 53),
    raw('2^53 + 1', '9007199254740993'),
    raw('1e400', '1e400'),
    raw('-1e400', '-1e400'),
    raw('1e-400', '1e-400'),
    raw('a 400-digit integer', `1${'0'.repeat(400)}`),
    value('"NaN"', 'NaN'),
    value('"Infinity"', 'Infinity'),
    value('"0x10"', '0x10'),
    value('"1e400"', '1e400'),
  ];
}

function moneyValues(): Malformation[] {
  return [
    ...numberValues(),
    value('"12.345"', '12.345'),
    value('"1,000.00"', '1,000.00'),
    value('"-0"', '-0'),
    value('"1000000000000" (1e12)', '1000000000000'),
    value('"99999999999999.99"', '99999999999999.99'),
    value('" 12 "', ' 12 '),
    value('empty', ''),
    value('NUL inside a number', '12\u0000'),
  ];
}

function integerValues(shape: FieldShape): Malformation[] {
  return [
    ...numberValues(),
    value('1.5', 1.5),
    ...(shape.maximum === undefined || shape.maximum === 2 ** 31 - 1
      ? []
      : [value(`${shape.maximum + 1} (past the maximum)`, shape.maximum + 1)]),
    value(`"${UNLIKELY_ID}" as a string`, UNLIKELY_ID),
  ];
}

function idValues(): Malformation[] {
  return [
    value('empty', ''),
    value('letters', 'abc'),
    value('"0"', '0'),
    value('"-1"', '-1'),
    value('"1.5"', '1.5'),
    value('past the largest id', '2147483648'),
    value('2^53 + 1', '9007199254740993'),
    value('a 400-digit id', `1${'0'.repeat(400)}`),
    value('exponent notation', '9e8'),
    value('full-width digits', '９８７６５４３２１'),
    value('a leading space', ` ${UNLIKELY_ID}`),
    value('a trailing NUL', `${UNLIKELY_ID}\u0000`),
    value('hexadecimal', '0x10'),
    value('a lone surrogate', '\ud800'),
    value('10,000 digits', '9'.repeat(10_000)),
    value('1.5 as a number', 1.5),
    value('past the largest id as a number', 2 ** 31),
    raw('1e400 as a number', '1e400'),
  ];
}

function dateValues(): Malformation[] {
  return [
    value('30 February', '2026-02-30'),
    value('month 13', '2026-13-01'),
    value('day zero', '2026-11-00'),
    value('year zero', '0000-01-01'),
    value('before 1900', '1899-12-31'),
    value('after 2200', '2201-01-01'),
    value('a five-digit year', '99999-01-01'),
    value('an expanded year', '+275760-09-13'),
    value('hour 25', '2026-11-25T25:00:00Z'),
    value('no time zone', '2026-11-25T10:00:00'),
    value('an offset of +99:00', '2026-11-25T10:00:00+99:00'),
    value('words', 'next tuesday'),
    value('empty', ''),
    value('NUL after the date', '2026-11-25\u0000'),
    value('a number', 20261125),
    value('epoch milliseconds', 1764000000000),
    value('slashes', '25/11/2026'),
  ];
}

const booleanValues = (): Malformation[] => [value('"true"', 'true'), value('1', 1)];
const enumValues = (): Malformation[] => [value('an unknown value', 'NOT_A_VALUE'), value('lower case', 'deleted'), value('empty', '')];

const VALUES_OF: Record<FieldShape['kind'], (shape: FieldShape) => Malformation[]> = {
  text: textValues,
  integer: integerValues,
  number: numberValues,
  money: moneyValues,
  date: dateValues,
  id: idValues,
  boolean: booleanValues,
  enum: enumValues,
};

/**
 * `shape`'s malformed values; for text, also `valid` (a value the field accepts) with each control
 * character inside it, so that the control character is the only thing wrong with it.
 */
export function malformationsOf(shape: FieldShape, valid?: unknown): Malformation[] {
  const inValid =
    shape.kind === 'text' && typeof valid === 'string' && valid.length > 1
      ? Object.entries(CONTROL_CHARACTERS).map(([name, character]) =>
          controlCharacter(shape, `${name} inside a valid value`, `${valid.slice(0, 1)}${character}${valid.slice(1)}`),
        )
      : [];
  return [...wrongTypes(shape), ...VALUES_OF[shape.kind](shape), ...inValid];
}

/** "1 to 200 characters", "Up to 280 characters", "8 to 256 characters": the limit a description states. */
export function maxLengthIn(description: string | undefined | null): number | undefined {
  const match = /(?:\d+ to|up to|at most) (\d+) characters/i.exec(description ?? '');
  return match ? Number(match[1]) : undefined;
}

/** Malformed path segments for an id in a URL, already percent-encoded where a URL needs it. */
export function malformedPathIds(): { label: string; segment: string }[] {
  return [
    { label: 'zero', segment: '0' },
    { label: 'minus one', segment: '-1' },
    { label: 'letters', segment: 'abc' },
    { label: 'a fraction', segment: '1.5' },
    { label: 'exponent notation', segment: '9e8' },
    { label: 'hexadecimal', segment: '0x10' },
    { label: 'past the largest id', segment: '2147483648' },
    { label: '2^53 + 1', segment: '9007199254740993' },
    { label: 'a 400-digit id', segment: `1${'0'.repeat(400)}` },
    { label: 'an encoded NUL', segment: `${UNLIKELY_ID}%00` },
    { label: 'an encoded control character', segment: `%01${UNLIKELY_ID}` },
    { label: 'an encoded space', segment: `%20${UNLIKELY_ID}` },
    { label: 'full-width digits', segment: encodeURIComponent('９８７６５４３２１') },
    { label: 'a lone surrogate, percent-encoded as CESU', segment: '%ED%A0%80' },
    { label: 'invalid percent-encoding', segment: '%E0%A4%A' },
    { label: 'an encoded slash', segment: `${UNLIKELY_ID}%2F1` },
    { label: '"null"', segment: 'null' },
    { label: '"undefined"', segment: 'undefined' },
    { label: '"NaN"', segment: 'NaN' },
    { label: '"Infinity"', segment: 'Infinity' },
    { label: '5,000 digits', segment: '9'.repeat(5_000) },
  ];
}
