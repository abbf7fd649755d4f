// Sends one form's mutation and keeps what the answer said about its fields.
import { useState } from 'react';
import type { LedgerlineResult } from '@ledgerline/web-sdk';
import { formErrorsOf, formErrorsOfFailure, NO_ERRORS, type FieldLabels, type FormErrors } from './formErrors.js';

export interface Submission {
  errors: FormErrors;
  pending: boolean;
  /** Runs `send`; gives its data when it succeeded, null when it failed (the errors are then shown). */
  submit<Data>(send: () => Promise<LedgerlineResult<Data>>): Promise<Data | null>;
  clear(): void;
}

export function useSubmission(labels: FieldLabels): Submission {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [pending, setPending] = useState(false);
  return {
    errors,
    pending,
    async submit(send) {
      setPending(true);
      setErrors(NO_ERRORS);
      try {
        const result = await send();
        if (result.errors?.length) {
          setErrors(formErrorsOf(result.errors, labels));
          return null;
        }
        return result.data;
      } catch (failure) {
        setErrors(formErrorsOfFailure(failure));
        return null;
      } finally {
        setPending(false);
      }
    },
    clear: () => setErrors(NO_ERRORS),
  };
}
