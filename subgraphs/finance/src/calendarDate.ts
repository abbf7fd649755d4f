// Calendar dates ("YYYY-MM-DD") as UTC-midnight Date objects, which is how Prisma reads and
// writes PostgreSQL `date` columns.

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// A date-time must say which time zone it is in, or its calendar date is a guess.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 2200;

/** Null unless the value is a real calendar date (no 2026-02-30) in a sensible range. */
export function calendarDateFrom(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const parts = DATE_ONLY.exec(text);
  let date: Date;
  if (parts) {
    const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
    date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  } else if (DATE_TIME.test(text)) {
    const instant = new Date(text);
    if (Number.isNaN(instant.getTime())) return null;
    date = new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
  } else {
    return null;
  }
  const year = date.getUTCFullYear();
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR ? date : null;
}

export const formatCalendarDate = (date: Date): string => date.toISOString().slice(0, 10);
