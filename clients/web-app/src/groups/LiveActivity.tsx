// What arrived live, read out by screen readers as it comes (a moving bar alone says nothing to
// them). The table of recent contributions shows the same to the eye, so this log is not drawn.
import type { GroupSavingsEvent } from '@ledgerline/web-sdk';
import { formatMoney } from '../money.js';
import { memberName } from './memberName.js';

export function LiveActivity({ events, viewerId }: { events: readonly GroupSavingsEvent[]; viewerId: string }) {
  return (
    <div className="visually-hidden" role="log" aria-label="Live activity">
      {events.map(({ sequence, contribution, progress }) => (
        <p key={sequence}>
          {memberName(contribution.contributor, viewerId)} contributed {formatMoney(contribution.amount)}
          {contribution.message ? ` (${contribution.message})` : ''}. The group has saved {formatMoney(progress.total)} of{' '}
          {formatMoney(progress.target)}.
        </p>
      ))}
    </div>
  );
}
