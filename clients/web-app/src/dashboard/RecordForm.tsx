// The form that adds or changes one record (an income, an expense, a savings goal): labelled
// fields, the API's errors beside the field they name, and, for an add, one idempotency key per
// record kept across retries, so sending again after a lost answer never adds it twice.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { LedgerlineResult } from '@ledgerline/web-sdk';
import { FormMessage } from '../forms/FormMessage.js';
import { TextField } from '../forms/TextField.js';
import { useIdempotencyKey } from '../forms/useIdempotencyKey.js';
import { useSubmission } from '../forms/useSubmission.js';

export interface RecordField<Name extends string> {
  /** The API's argument name, which its errors name in `extensions.field`. */
  name: Name;
  label: string;
  kind: 'amount' | 'text' | 'date';
  /** The id of a <datalist> whose entries the field suggests. */
  suggestions?: string;
}

export type RecordValues<Name extends string> = Record<Name, string>;

interface RecordFormProps<Name extends string> {
  /** Shown above the fields, and the form's accessible name. */
  title: string;
  fields: readonly RecordField<Name>[];
  initialValues: RecordValues<Name>;
  submitLabel: string;
  /** Announced after a save while the form stays open (an add form, ready for the next record). */
  savedMessage?: string;
  save: (values: RecordValues<Name>, idempotencyKey: string) => Promise<LedgerlineResult<unknown>>;
  onSaved: () => void;
  /** Given for an edit form: a Cancel button, and Escape, close it. */
  onCancel?: () => void;
  /** Focus the first field when the form appears (an edit form opened from its row's button). */
  openFocused?: boolean;
}

const INPUT_OF_KIND = {
  amount: { type: 'text', inputMode: 'decimal', autoComplete: 'off', placeholder: '0.00' },
  text: { type: 'text', autoComplete: 'off' },
  date: { type: 'date' },
} as const;

export function RecordForm<Name extends string>({
  title,
  fields,
  initialValues,
  submitLabel,
  savedMessage,
  save,
  onSaved,
  onCancel,
  openFocused = false,
}: RecordFormProps<Name>) {
  const titleId = useId();
  const [values, setValues] = useState(initialValues);
  const [saved, setSaved] = useState(false);
  const submission = useSubmission(Object.fromEntries(fields.map((field) => [field.name, field.label])));
  const idempotencyKeys = useIdempotencyKey();
  const form = useRef<HTMLFormElement>(null);
  const focusFirstField = () => form.current?.querySelector('input')?.focus();
  useEffect(() => {
    if (openFocused) focusFirstField();
  }, [openFocused]);

  function change(name: Name, value: string) {
    setSaved(false);
    setValues((current) => ({ ...current, [name]: value }));
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    // Other values are another record: a key already sent never answers for them.
    const key = idempotencyKeys.keyFor(JSON.stringify(values));
    const data = await submission.submit(() => save(values, key));
    if (data === null) return;
    idempotencyKeys.succeeded();
    setValues(initialValues);
    setSaved(true);
    focusFirstField();
    onSaved();
  }

  // On each control rather than the form, which is not itself interactive: Escape where focus is.
  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape' && onCancel) onCancel();
  }

  return (
    <form ref={form} className="record-form" aria-labelledby={titleId} onSubmit={(event) => void onSubmit(event)} noValidate>
      <h3 id={titleId} className="record-form-title">
        {title}
      </h3>
      <FormMessage message={submission.errors.form} />
      <div className="record-form-fields">
        {fields.map((field) => (
          <TextField
            key={field.name}
            label={field.label}
            name={field.name}
            {...INPUT_OF_KIND[field.kind]}
            list={field.suggestions}
            value={values[field.name]}
            onChange={(event) => change(field.name, event.target.value)}
            onKeyDown={onKeyDown}
            error={submission.errors.fields[field.name]}
          />
        ))}
        <div className="record-form-buttons">
          <button type="submit" disabled={submission.pending} onKeyDown={onKeyDown}>
            {submitLabel}
          </button>
          {onCancel && (
            <button type="button" className="secondary" onClick={onCancel} onKeyDown={onKeyDown}>
              Cancel
            </button>
          )}
        </div>
      </div>
      <p role="status" className="record-form-status">
        {saved && savedMessage}
      </p>
    </form>
  );
}
