// The challenges the viewer is a member of, each with how far it has come.
import { MySavingsGroupsDocument } from '@ledgerline/web-sdk';
import { useQuery } from '../api/useQuery.js';
import { formatMoney } from '../money.js';
import { hrefOf } from '../routing.js';
import { formatDay, statusLabel } from './groupStatus.js';
import { ProgressBar } from './ProgressBar.js';

export function MyGroupsList() {
  const myGroups = useQuery(MySavingsGroupsDocument, {});
  const { error, loading } = myGroups;
  const groups = myGroups.data?.me?.savingsGroups ?? null;

  return (
    <section className="card" aria-labelledby="my-groups-heading">
      <h2 id="my-groups-heading">Your challenges</h2>
      {error && (
        <p className="form-error" role="alert">
          {error}{' '}
          <button type="button" className="secondary" onClick={() => void myGroups.refetch()}>
            Try again
          </button>
        </p>
      )}
      {loading && !groups && <p role="status">Loading your challenges…</p>}
      {groups?.length === 0 && <p className="empty">You are not in any challenge yet. Start one, or join one with an invite code.</p>}
      {groups && groups.length > 0 && (
        <ul className="group-list">
          {groups.map((group) => (
            <li key={group.id} className="group-list-item">
              <div className="group-list-heading">
                <a href={hrefOf({ page: 'group', groupId: group.id })}>{group.name}</a>
                <span className={`status-badge status-${group.status.toLowerCase()}`}>{statusLabel(group.status)}</span>
              </div>
              <ProgressBar
                size="small"
                label={`Progress of ${group.name}`}
                total={group.progress.total}
                target={group.targetAmount}
                percent={group.progress.percent}
              />
              <p className="group-list-figures">
                {formatMoney(group.progress.total)} of {formatMoney(group.targetAmount)} saved · until {formatDay(group.deadline)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
