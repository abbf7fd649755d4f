// The in-page "are you sure?" before a record is deleted: it takes focus when it opens (so Enter
// confirms and Escape keeps the record, as a browser's own dialog would) and says why a delete failed.
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import type { LedgerlineResult } from '@ledgerline/web-sdk';
import { FormMessage } from '../forms/FormMessage.js';
import { useSubmission } from '../forms/useSubmission.js';

interface DeleteConfirmationProps {
  /** What is about to go, e.g. "Salary, 3,000.00 on 2 Nov 2026". */
  what: string;
  remove: () => Promise<LedgerlineResult<unknown>>;
  onRemoved: () => void;
  onKeep: () => void;
}

export function DeleteConfirmation({ what, remove, onRemoved, onKeep }: DeleteConfirmationProps) {
  const questionId = useId();
  const confirm = useRef<HTMLButtonElement>(null);
  const deletion = useSubmission({});
  useEffect(() => confirm.current?.focus(), []);

  async function onConfirm() {
    if ((await deletion.submit(remove)) !== null) onRemoved();
  }

  // Focus is always on one of the two buttons, so Escape is heard there.
  function keepOnEscape(event: KeyboardEvent) {
    if (event.key === 'Escape') onKeep();
  }

  return (
    <div className="delete-confirmation" role="group" aria-labelledby={questionId}>
      <p id={questionId}>Delete {what}?</p>
      <FormMessage message={deletion.errors.form} />
      <button
        ref={confirm}
        type="button"
        className="danger"
        disabled={deletion.pending}
        onClick={() => void onConfirm()}
        onKeyDown={keepOnEscape}
      >
        Yes, delete
      </button>
      <button type="button" className="secondary" onClick={onKeep} onKeyDown={keepOnEscape}>
        Keep it
      </button>
    </div>
  );
}
