// Starting a challenge: a name, a target and a deadline; the new group opens once it exists.
import { useState, type FormEvent } from 'react';
import { CreateSavingsGroupDocument } from '@ledgerline/web-sdk';
import { api } from '../api/ledgerline.js';
import { blankFields } from '../forms/blankFields.js';
import { FormMessage } from '../forms/FormMessage.js';
import { TextField } from '../forms/TextField.js';
import { useSubmission } from '../forms/useSubmission.js';
import { navigate } from '../routing.js';

const LABELS = { name: 'Challenge name', targetAmount: 'Target amount', deadline: 'Deadline' };

export function CreateGroupForm() {
  const [name, setName] = useState('');
  const [targetAmount, setTargetAmount] = useState('');
  const [deadline, setDeadline] = useState('');
  const creation = useSubmission(LABELS);
  const [blank, setBlank] = useState<Partial<Record<string, string>>>({});

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const missing = blankFields({ name, targetAmount, deadline }, LABELS);
    setBlank(missing);
    if (Object.keys(missing).length > 0) {
      creation.clear();
      return;
    }
    const data = await creation.submit(() =>
      api.mutate(CreateSavingsGroupDocument, { name: name.trim(), targetAmount: targetAmount.trim(), deadline }),
    );
    if (data) navigate({ page: 'group', groupId: data.createSavingsGroup.id });
  }

  return (
    <section className="card" aria-labelledby="create-group-heading">
      <h2 id="create-group-heading">Start a challenge</h2>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <FormMessage message={creation.errors.form} />
        <TextField
          label={LABELS.name}
          name="name"
          autoComplete="off"
          required
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={blank['name'] ?? creation.errors.fields['name']}
        />
        <TextField
          label={LABELS.targetAmount}
          name="targetAmount"
          inputMode="decimal"
          autoComplete="off"
          required
          hint="For example 5000 or 1250.50"
          value={targetAmount}
          onChange={(event) => setTargetAmount(event.target.value)}
          error={blank['targetAmount'] ?? creation.errors.fields['targetAmount']}
        />
        <TextField
          label={LABELS.deadline}
          name="deadline"
          type="date"
          required
          hint="The last day contributions are taken"
          value={deadline}
          onChange={(event) => setDeadline(event.target.value)}
          error={blank['deadline'] ?? creation.errors.fields['deadline']}
        />
        <button type="submit" disabled={creation.pending}>
          {creation.pending ? 'Creating…' : 'Create challenge'}
        </button>
      </form>
    </section>
  );
}
