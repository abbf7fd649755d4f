// One record in its table: shown, being edited (the row becomes its form), or awaiting the answer
// to "delete it?". Closing the form or the question puts focus back on the button that opened it.
import { useEffect, useRef, useState } from 'react';
import { DeleteConfirmation } from './DeleteConfirmation.js';
import type { RecordTableProps } from './RecordTable.js';

type RowMode = 'shown' | 'editing' | 'confirming';

interface RecordRowProps<Item extends { id: string }> {
  item: Item;
  table: RecordTableProps<Item>;
  onRemoved: () => void;
}

export function RecordRow<Item extends { id: string }>({ item, table, onRemoved }: RecordRowProps<Item>) {
  const [mode, setMode] = useState<RowMode>('shown');
  const [removed, setRemoved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const [returnFocusTo, setReturnFocusTo] = useState<'edit' | 'delete' | null>(null);
  const what = table.describe(item);

  // Runs when the row is shown again after a form or a question closed, not on other renders.
  useEffect(() => {
    if (mode !== 'shown' || returnFocusTo === null) return;
    (returnFocusTo === 'edit' ? editButton : deleteButton).current?.focus();
  }, [mode, returnFocusTo]);

  function close(button: 'edit' | 'delete') {
    setReturnFocusTo(button);
    setMode('shown');
  }

  // Until the refetch drops it, a deleted row is already gone from view.
  if (removed) return null;

  if (mode === 'editing') {
    return (
      <tr className="editing">
        <td colSpan={table.columns.length + 1}>{table.editForm(item, () => close('edit'))}</td>
      </tr>
    );
  }

  return (
    <tr>
      {table.columns.map((column) => (
        <td key={column.header} className={column.amount ? 'amount' : undefined}>
          {column.cell(item)}
        </td>
      ))}
      <td className="row-actions">
        {mode === 'confirming' ? (
          <DeleteConfirmation
            what={what}
            remove={() => table.remove(item)}
            onRemoved={() => {
              setRemoved(true);
              onRemoved();
            }}
            onKeep={() => close('delete')}
          />
        ) : (
          <>
            <button ref={editButton} type="button" className="secondary" onClick={() => setMode('editing')}>
              Edit<span className="visually-hidden"> {what}</span>
            </button>
            <button ref={deleteButton} type="button" className="danger" onClick={() => setMode('confirming')}>
              Delete<span className="visually-hidden"> {what}</span>
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
