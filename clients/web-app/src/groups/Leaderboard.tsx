// Who put in the most, as the server ranks them (ties go to who got there first).
import type { Group } from './groupFollower.js';
import { formatMoney } from '../money.js';
import { memberName } from './memberName.js';

export function Leaderboard({ leaderboard, viewerId }: { leaderboard: Group['leaderboard']; viewerId: string }) {
  return (
    <section className="card" aria-labelledby="leaderboard-heading">
      <h2 id="leaderboard-heading">Leaderboard</h2>
      {leaderboard.length === 0 ? (
        <p className="empty">No contributions yet. Be the first!</p>
      ) : (
        <table className="leaderboard" aria-labelledby="leaderboard-heading">
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Member</th>
              <th scope="col" className="amount">
                Total
              </th>
              <th scope="col" className="amount">
                Contributions
              </th>
            </tr>
          </thead>
          <tbody>
            {leaderboard.map((place) => (
              <tr key={place.contributor?.id ?? 'deleted'} className={place.contributor?.id === viewerId ? 'viewer' : undefined}>
                <td>
                  <span className={`rank rank-${place.rank}`}>{place.rank}</span>
                </td>
                <th scope="row">{memberName(place.contributor, viewerId)}</th>
                <td className="amount">{formatMoney(place.total)}</td>
                <td className="amount">{place.contributions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
