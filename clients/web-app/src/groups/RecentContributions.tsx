// The group's latest contributions, newest first, as the last read of the group has them.
import type { Group } from './groupFollower.js';
import { formatMoney } from '../money.js';
import { memberName } from './memberName.js';

const timeToday = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const dayAndTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

/** Today's contributions by their time alone; older ones with their day. */
function formatWhen(dateTime: string, now = new Date()): string {
  const when = new Date(dateTime);
  return when.toDateString() === now.toDateString() ? timeToday.format(when) : dayAndTime.format(when);
}

export function RecentContributions({ contributions, viewerId }: { contributions: Group['contributions']; viewerId: string }) {
  return (
    <section className="card" aria-labelledby="contributions-heading">
      <h2 id="contributions-heading">Recent contributions</h2>
      {contributions.length === 0 ? (
        <p className="empty">Nothing yet.</p>
      ) : (
        <table className="contributions" aria-labelledby="contributions-heading">
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col" className="amount">
                Amount
              </th>
              <th scope="col">Message</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {contributions.map((contribution) => (
              <tr key={contribution.id}>
                <td>{memberName(contribution.contributor, viewerId)}</td>
                <td className="amount">{formatMoney(contribution.amount)}</td>
                <td className="message">{contribution.message ?? ''}</td>
                <td className="when">
                  <time dateTime={contribution.createdAt}>{formatWhen(contribution.createdAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
