// Joining a challenge with a code a member shared.
import { useState, type FormEvent } from 'react';
import { blankFields } from '../forms/blankFields.js';
import { FormMessage } from '../forms/FormMessage.js';
import { TextField } from '../forms/TextField.js';
import { useJoinGroup } from './useJoinGroup.js';

export function JoinGroupForm() {
  const [inviteCode, setInviteCode] = useState('');
  const { joining, join } = useJoinGroup();
  const [blank, setBlank] = useState<Partial<Record<string, string>>>({});

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const missing = blankFields({ inviteCode }, { inviteCode: 'Invite code' });
    setBlank(missing);
    if (missing['inviteCode']) joining.clear();
    else void join(inviteCode);
  }

  return (
    <section className="card" aria-labelledby="join-group-heading">
      <h2 id="join-group-heading">Join a challenge</h2>
      <form onSubmit={onSubmit} noValidate>
        <FormMessage message={joining.errors.form} />
        <TextField
          label="Invite code"
          name="inviteCode"
          autoComplete="off"
          spellCheck={false}
          required
          hint="The code a member shared with you"
          value={inviteCode}
          onChange={(event) => setInviteCode(event.target.value)}
          error={blank['inviteCode'] ?? joining.errors.fields['inviteCode']}
        />
        <button type="submit" disabled={joining.pending}>
          {joining.pending ? 'Joining…' : 'Join challenge'}
        </button>
      </form>
    </section>
  );
}
