// Putting money into the group. A closed group (target reached, deadline passed) says so in place
// of the form; a contribution refused as GROUP_CLOSED says so on the form until the read catches up.
import { useState, type FormEvent } from 'react';
import { ContributeToGroupDocument, type SavingsGroupStatus } from '@ledgerline/web-sdk';
import { api } from '../api/ledgerline.js';
import { blankFields } from '../forms/blankFields.js';
import { FormMessage } from '../forms/FormMessage.js';
import { TextField } from '../forms/TextField.js';
import { useIdempotencyKey } from '../forms/useIdempotencyKey.js';
import { useSubmission } from '../forms/useSubmission.js';
import { formatMoney } from '../money.js';
import { closedBecause } from './groupStatus.js';

const LABELS = { amount: 'Amount', message: 'Message' };

interface ContributeFormProps {
  groupId: string;
  status: SavingsGroupStatus;
  /** Called after a contribution went in, or the group turned out to be closed. */
  onChanged: () => void;
}

export function ContributeForm({ groupId, status, onChanged }: ContributeFormProps) {
  const [amount, setAmount] = useState('');
  const [message, setMessage] = useState('');
  const [thanks, setThanks] = useState<string | null>(null);
  const contribution = useSubmission(LABELS);
  const idempotency = useIdempotencyKey();
  const [blank, setBlank] = useState<Partial<Record<string, string>>>({});
  const closed = closedBecause(status);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setThanks(null);
    const missing = blankFields({ amount }, LABELS);
    setBlank(missing);
    if (missing['amount']) {
      contribution.clear();
      return;
    }
    const variables = { groupId, amount: amount.trim(), message: message.trim() || null };
    const idempotencyKey = idempotency.keyFor(JSON.stringify(variables));
    const data = await contribution.submit(() => api.mutate(ContributeToGroupDocument, variables, { idempotencyKey }));
    // Read the group again either way: a refusal as GROUP_CLOSED means its status changed.
    onChanged();
    if (!data) return;
    idempotency.succeeded();
    setAmount('');
    setMessage('');
    setThanks(`Thank you! Your ${formatMoney(data.contributeToGroup.amount)} is in.`);
  }

  return (
    <section className="card" aria-labelledby="contribute-heading">
      <h2 id="contribute-heading">Contribute</h2>
      {closed ? (
        <p className="notice" role="status">
          {closed}
        </p>
      ) : (
        <form onSubmit={(event) => void onSubmit(event)} noValidate>
          <FormMessage message={contribution.errors.form} />
          <TextField
            label={LABELS.amount}
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            required
            hint="For example 25 or 12.50"
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
            error={blank['amount'] ?? contribution.errors.fields['amount']}
          />
          <TextField
            label={LABELS.message}
            name="message"
            autoComplete="off"
            maxLength={280}
            hint="Optional, shown to the group"
            value={message}
            onChange={(event) => setMessage(event.target.value)}
            error={contribution.errors.fields['message']}
          />
          <button type="submit" disabled={contribution.pending}>
            {contribution.pending ? 'Contributing…' : 'Contribute'}
          </button>
          <p className="form-success" role="status">
            {thanks}
          </p>
        </form>
      )}
    </section>
  );
}
