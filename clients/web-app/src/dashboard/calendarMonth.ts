// A month as the dashboard shows it ("2026-11"): its first and last days for the API's date range,
// its neighbours for the month links, and dates in words. Dates are the API's calendar dates
// ("2026-11-02"), so they are handled as UTC midnights: no time zone can move them to another day.

/** "2026-11" → "2026-11-01". */
export function firstDayOf(month: string): string {
  return `${month}-01`;
}

/** "2026-02" → "2026-02-28"; leap years included. */
export function lastDayOf(month: string): string {
  const [year, monthNumber] = yearAndMonth(month);
  const days = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return `${month}-${String(days).padStart(2, '0')}`;
}

/** The month `by` months later (earlier when negative): "2026-12", 1 → "2027-01". */
export function shiftMonth(month: string, by: number): string {
  const [year, monthNumber] = yearAndMonth(month);
  const shifted = new Date(Date.UTC(year, monthNumber - 1 + by, 1));
  return `${shifted.getUTCFullYear()}-${String(shifted.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The day a new record of `month` starts with: today when today is in that month, else its first day. */
export function defaultDayIn(month: string, today: Date = new Date()): string {
  const todayIso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  return todayIso.startsWith(`${month}-`) ? todayIso : firstDayOf(month);
}

const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });
const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dayInMonthFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "2026-11" → "November 2026" (in the browser's language). */
export function monthLabel(month: string): string {
  const [year, monthNumber] = yearAndMonth(month);
  return monthFormat.format(new Date(Date.UTC(year, monthNumber - 1, 1)));
}

/** "2026-11-02" → "2 Nov 2026" (in the browser's language); anything else is shown as it came. */
export function dayLabel(date: string): string {
  const time = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(time) ? date : dayFormat.format(time);
}

/** "2026-11-02" → "Mon 2 Nov": a day in a table whose month is already the page's title. */
export function dayInMonthLabel(date: string): string {
  const time = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(time) ? date : dayInMonthFormat.format(time);
}

function yearAndMonth(month: string): [number, number] {
  const [year = '', monthNumber = ''] = month.split('-');
  return [Number(year), Number(monthNumber)];
}
