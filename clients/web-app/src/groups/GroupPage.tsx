// One group challenge, live: progress, leaderboard and contributions move as members contribute,
// and the page says when it is reconnecting.
import { useState } from 'react';
import { Page } from '../layout/Page.js';
import { hrefOf } from '../routing.js';
import { useSession } from '../session/session.js';
import { ContributeForm } from './ContributeForm.js';
import { GroupProgress } from './GroupProgress.js';
import { InvitePanel } from './InvitePanel.js';
import { Leaderboard } from './Leaderboard.js';
import { LiveActivity } from './LiveActivity.js';
import { LiveStatus } from './LiveStatus.js';
import { RecentContributions } from './RecentContributions.js';
import { useLiveGroup } from './useLiveGroup.js';
import './groups.css';

export function GroupPage({ groupId }: { groupId: string }) {
  // "Try again" starts over with a fresh read and a fresh connection.
  const [attempt, setAttempt] = useState(0);
  return (
    <div className="groups">
      <LiveGroupPage key={`${groupId}:${attempt}`} groupId={groupId} onRetry={() => setAttempt((count) => count + 1)} />
    </div>
  );
}

function LiveGroupPage({ groupId, onRetry }: { groupId: string; onRetry: () => void }) {
  const viewerId = useSession()?.user.id ?? '';
  const { group, progress, events, connection, problem, refresh } = useLiveGroup(groupId);

  if (problem) {
    return (
      <Page title="Group challenge">
        <p className="notice" role="alert">
          {problem.message}
        </p>
        <p className="button-row">
          {problem.retry && (
            <button type="button" onClick={onRetry}>
              Try again
            </button>
          )}
          <a href={hrefOf({ page: 'groups' })}>Back to your challenges</a>
        </p>
      </Page>
    );
  }
  if (!group || !progress) {
    return (
      <Page title="Group challenge">
        <p role="status">Loading the challenge…</p>
      </Page>
    );
  }
  return (
    <Page title={group.name} actions={<LiveStatus state={connection} />}>
      <GroupProgress group={group} progress={progress} />
      <LiveActivity events={events} viewerId={viewerId} />
      <div className="group-columns">
        <div className="group-main">
          <Leaderboard leaderboard={group.leaderboard} viewerId={viewerId} />
          <RecentContributions contributions={group.contributions} viewerId={viewerId} />
        </div>
        <div className="group-side">
          <ContributeForm groupId={group.id} status={group.status} onChanged={refresh} />
          {group.inviteCode && <InvitePanel inviteCode={group.inviteCode} />}
        </div>
      </div>
    </Page>
  );
}
