// Required fields left blank, named as such before anything is sent: the API would call a blank
// amount "not a decimal number", which is true but not what the person did.
import type { FieldLabels } from './formErrors.js';

/** "Target amount is required" for each blank field, keyed by the field's API name. */
export function blankFields(values: Readonly<Record<string, string>>, labels: FieldLabels): Partial<Record<string, string>> {
  const blank: Partial<Record<string, string>> = {};
  for (const [field, value] of Object.entries(values)) {
    if (value.trim() === '') blank[field] = `${labels[field] ?? field} is required`;
  }
  return blank;
}
