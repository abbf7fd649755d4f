// Where an invite link leads (#/join/CODE): the code, and one button to join and open the group.
import { FormMessage } from '../forms/FormMessage.js';
import { Page } from '../layout/Page.js';
import { hrefOf } from '../routing.js';
import { useJoinGroup } from './useJoinGroup.js';
import './groups.css';

export function JoinGroupPage({ inviteCode }: { inviteCode: string }) {
  const { joining, join } = useJoinGroup();
  return (
    <div className="groups">
      <Page title="Join a group challenge">
        <section className="card narrow" aria-label="Invitation">
          <p>You were invited to a savings challenge with this code:</p>
          <p className="invite-code-shown">
            <code>{inviteCode}</code>
          </p>
          <FormMessage message={joining.errors.form ?? joining.errors.fields['inviteCode'] ?? null} />
          <p className="button-row">
            <button type="button" disabled={joining.pending || !inviteCode} onClick={() => void join(inviteCode)}>
              {joining.pending ? 'Joining…' : 'Join'}
            </button>
            <a href={hrefOf({ page: 'groups' })}>Not now</a>
          </p>
        </section>
      </Page>
    </div>
  );
}
