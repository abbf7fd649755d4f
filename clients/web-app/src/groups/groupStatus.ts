// What a group's status and deadline read as on the page.
import type { SavingsGroupStatus } from '@ledgerline/web-sdk';

export function statusLabel(status: SavingsGroupStatus): string {
  switch (status) {
    case 'OPEN':
      return 'Open';
    case 'TARGET_REACHED':
      return 'Target reached';
    case 'DEADLINE_PASSED':
      return 'Deadline passed';
  }
}

/** Why a closed group takes no more contributions, in the words the API uses for GROUP_CLOSED. */
export function closedBecause(status: SavingsGroupStatus): string | null {
  switch (status) {
    case 'OPEN':
      return null;
    case 'TARGET_REACHED':
      return 'This challenge reached its target and takes no more contributions. Well done!';
    case 'DEADLINE_PASSED':
      return 'This challenge passed its deadline and takes no more contributions.';
  }
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** "2026-12-31" → "Dec 31, 2026" in the reader's language; a deadline is a UTC calendar day. */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayFormat.format(date);
}
