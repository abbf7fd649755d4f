// What the API's errors mean on a form: a message beside the field that caused it (BAD_USER_INPUT
// names it in `extensions.field`; EMAIL_TAKEN and USERNAME_TAKEN name theirs by code), and one
// message for the form otherwise.
import { LedgerlineHttpError, type LedgerlineError } from '@ledgerline/web-sdk';

export interface FormErrors {
  fields: Partial<Record<string, string>>;
  form: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, form: null };

const FIELD_OF_CODE: Partial<Record<string, string>> = { EMAIL_TAKEN: 'email', USERNAME_TAKEN: 'username' };

const FORM_MESSAGE_OF_CODE: Partial<Record<string, string>> = {
  SERVICE_UNAVAILABLE: 'Ledgerline is briefly unavailable. Nothing was changed; please try again.',
  SUBGRAPH_UNAVAILABLE: 'Part of Ledgerline is briefly unavailable. Please try again.',
  TOO_MANY_REQUESTS: 'Too many attempts. Please wait a moment and try again.',
  SERVICE_BUSY: 'Ledgerline is busy. Please try again in a moment.',
};

/** A form's fields as the API names them, each with the label the form shows for it. */
export type FieldLabels = Readonly<Record<string, string>>;

/**
 * The errors of one answer, each beside the field it names when the form has it. The API says
 * "amount: must be greater than 0"; beside the field that reads "Amount must be greater than 0".
 */
export function formErrorsOf(errors: readonly LedgerlineError[], labels: FieldLabels): FormErrors {
  const placed: FormErrors = { fields: {}, form: null };
  for (const error of errors) {
    const code = error.extensions?.code ?? '';
    const field = error.extensions?.field ?? FIELD_OF_CODE[code];
    const label = field === undefined ? undefined : labels[field];
    if (field !== undefined && label !== undefined && placed.fields[field] === undefined) {
      placed.fields[field] = fieldMessage(field, label, error.message);
    } else {
      placed.form ??= FORM_MESSAGE_OF_CODE[code] ?? error.message;
    }
  }
  return placed;
}

function fieldMessage(field: string, label: string, message: string): string {
  const prefix = `${field}: `;
  return message.startsWith(prefix) ? `${label} ${message.slice(prefix.length)}` : message;
}

/** A request that never got a GraphQL answer: the network, or something in front of the router. */
export function formErrorsOfFailure(failure: unknown): FormErrors {
  if (failure instanceof LedgerlineHttpError) return { fields: {}, form: `Ledgerline answered HTTP ${failure.status}. Please try again.` };
  return { fields: {}, form: 'Could not reach Ledgerline. Check your connection and try again.' };
}
