// The group's headline: its status and deadline, the bar, and what is saved and what remains.
import { formatMoney, remainingAmount } from '../money.js';
import type { Group } from './groupFollower.js';
import { formatDay, statusLabel } from './groupStatus.js';
import { ProgressBar } from './ProgressBar.js';
import type { GroupProgressNow } from './useLiveGroup.js';

const percentFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export function GroupProgress({ group, progress }: { group: Group; progress: GroupProgressNow }) {
  return (
    <section className="card group-progress" aria-labelledby="progress-heading">
      <div className="group-facts">
        <span className={`status-badge status-${group.status.toLowerCase()}`}>{statusLabel(group.status)}</span>
        <span>
          Target <strong>{formatMoney(group.targetAmount)}</strong>
        </span>
        <span>
          Contributions until <strong>{formatDay(group.deadline)}</strong>
        </span>
        <span>
          {group.members.length} {group.members.length === 1 ? 'member' : 'members'}
        </span>
      </div>
      <h2 id="progress-heading" className="progress-headline">
        <span className="saved-total">{formatMoney(progress.total)}</span> saved of {formatMoney(progress.target)}
        <span className="percent">{percentFormat.format(progress.percent)}%</span>
      </h2>
      <ProgressBar label="Saved toward the target" total={progress.total} target={progress.target} percent={progress.percent} />
      <dl className="group-stats">
        <div>
          <dt>Saved</dt>
          <dd>{formatMoney(progress.total)}</dd>
        </div>
        <div>
          <dt>Remaining</dt>
          {/* An event carries no remaining: it is worked out exactly from the event's own figures. */}
          <dd>{formatMoney(remainingAmount(progress.target, progress.total) ?? group.progress.remaining)}</dd>
        </div>
        <div>
          <dt>Target</dt>
          <dd>{formatMoney(progress.target)}</dd>
        </div>
      </dl>
    </section>
  );
}
