// Joining a group by its invite code, then opening it: the join form and the invite link's page.
import { JoinSavingsGroupDocument } from '@ledgerline/web-sdk';
import { api } from '../api/ledgerline.js';
import { useSubmission, type Submission } from '../forms/useSubmission.js';
import { navigate } from '../routing.js';

const LABELS = { inviteCode: 'Invite code' };

export function useJoinGroup(): { joining: Submission; join: (inviteCode: string) => Promise<void> } {
  const joining = useSubmission(LABELS);
  return {
    joining,
    async join(inviteCode) {
      const data = await joining.submit(() => api.mutate(JoinSavingsGroupDocument, { inviteCode: inviteCode.trim() }));
      if (data) navigate({ page: 'group', groupId: data.joinSavingsGroup.id });
    },
  };
}
