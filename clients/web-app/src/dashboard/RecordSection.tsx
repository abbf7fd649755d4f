// One kind of record on the dashboard (incomes, expenses, savings goals): its heading, its table
// with an edit form per row, and the form that adds one. What differs between kinds (fields,
// columns, the SDK's operations) comes in a RecordKind.
import { useId, type ReactNode } from 'react';
import type { LedgerlineResult } from '@ledgerline/web-sdk';
import { RecordForm, type RecordField, type RecordValues } from './RecordForm.js';
import { RecordTable, type RecordColumn } from './RecordTable.js';

export interface RecordKind<Item extends { id: string }, Name extends string> {
  /** The section's heading: "Incomes". */
  heading: string;
  /** One record in the buttons' words: "income" → "Add income", "Save income". */
  noun: string;
  /** The add form's title: "Add an income". */
  addTitle: string;
  fields: readonly RecordField<Name>[];
  columns: readonly RecordColumn<Item>[];
  /** A record in words, for its buttons' names and the delete question: "Salary, 3,000.00 on Nov 2, 2026". */
  describe: (item: Item) => string;
  /** A record's values as its edit form starts with them. */
  valuesOf: (item: Item) => RecordValues<Name>;
  add: (values: RecordValues<Name>, idempotencyKey: string) => Promise<LedgerlineResult<unknown>>;
  update: (item: Item, values: RecordValues<Name>) => Promise<LedgerlineResult<unknown>>;
  remove: (item: Item) => Promise<LedgerlineResult<unknown>>;
}

interface RecordSectionProps<Item extends { id: string }, Name extends string> {
  kind: RecordKind<Item, Name>;
  items: readonly Item[];
  /** The table's caption for screen readers: "Incomes in November 2026". */
  caption: string;
  /** Shown instead of an empty table. */
  empty: string;
  /** The add form's values when it opens and after each add (the date of a new record, say). */
  newValues: RecordValues<Name>;
  onChanged: () => void;
  /** Anything the fields refer to, such as a <datalist> of suggestions. */
  children?: ReactNode;
}

export function RecordSection<Item extends { id: string }, Name extends string>({
  kind,
  items,
  caption,
  empty,
  newValues,
  onChanged,
  children,
}: RecordSectionProps<Item, Name>) {
  const headingId = useId();
  return (
    <section className="card records" aria-labelledby={headingId}>
      <h2 id={headingId}>{kind.heading}</h2>
      {children}
      <RecordTable
        caption={caption}
        columns={kind.columns}
        items={items}
        describe={kind.describe}
        editForm={(item, close) => (
          <RecordForm
            title={`Edit ${kind.describe(item)}`}
            fields={kind.fields}
            initialValues={kind.valuesOf(item)}
            submitLabel={`Save ${kind.noun}`}
            save={(values) => kind.update(item, values)}
            onSaved={() => {
              close();
              onChanged();
            }}
            onCancel={close}
            openFocused
          />
        )}
        remove={kind.remove}
        onChanged={onChanged}
        empty={empty}
      />
      <RecordForm
        title={kind.addTitle}
        fields={kind.fields}
        initialValues={newValues}
        submitLabel={`Add ${kind.noun}`}
        savedMessage={`${kind.noun[0]?.toUpperCase() ?? ''}${kind.noun.slice(1)} added.`}
        save={kind.add}
        onSaved={onChanged}
      />
    </section>
  );
}
