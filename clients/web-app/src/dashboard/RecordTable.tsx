// A table of one kind of record (incomes, expenses, savings goals), each row with Edit and Delete.
import { useRef, type ReactNode } from 'react';
import type { LedgerlineResult } from '@ledgerline/web-sdk';
import { RecordRow } from './RecordRow.js';

export interface RecordColumn<Item> {
  header: string;
  cell: (item: Item) => ReactNode;
  /** Right-aligned, in even-width digits. */
  amount?: boolean;
}

export interface RecordTableProps<Item extends { id: string }> {
  caption: string;
  columns: readonly RecordColumn<Item>[];
  items: readonly Item[];
  /** A record in words, for its buttons' names and the delete question: "Salary, 3,000.00 on 2 Nov 2026". */
  describe: (item: Item) => string;
  editForm: (item: Item, close: () => void) => ReactNode;
  remove: (item: Item) => Promise<LedgerlineResult<unknown>>;
  onChanged: () => void;
  /** Shown instead of an empty table. */
  empty: string;
}

export function RecordTable<Item extends { id: string }>(props: RecordTableProps<Item>) {
  const { caption, columns, items, empty } = props;
  // A deleted row takes its focused button with it; focus lands on the table instead of the page's top.
  const wrapper = useRef<HTMLDivElement>(null);
  const onRemoved = () => {
    wrapper.current?.focus();
    props.onChanged();
  };

  return (
    <div ref={wrapper} tabIndex={-1} className="record-table">
      {items.length === 0 ? (
        <p className="empty-state">{empty}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.header} scope="col" className={column.amount ? 'amount' : undefined}>
                  {column.header}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">Changes</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <RecordRow key={item.id} item={item} table={props} onRemoved={onRemoved} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
