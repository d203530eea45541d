/**
 * The Columns menu of a table: one checkbox per column, ticked = shown (every column ticked until
 * the user unticks one), and "Reset columns" for the view's default columns, widths and order.
 */
import { useCallback, useId, useRef, useState } from 'react';
import { useDismiss } from '../../hooks/useDismiss';
import { toggleColumn } from './columnLayout';
import type { GridColumn } from './gridColumn';

export function ColumnChooser({
  columns,
  hidden,
  customised,
  onHiddenChange,
  onReset,
}: {
  columns: readonly GridColumn[];
  hidden: readonly string[];
  /** The layout differs from the view's default (something hidden, sized or moved). */
  customised: boolean;
  onHiddenChange: (hidden: string[]) => void;
  onReset: () => void;
}) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, rootRef, close);
  const shown = columns.filter((column) => !hidden.includes(column.id)).length;
  const summary = shown === columns.length ? 'All shown' : `${shown} of ${columns.length}`;

  return (
    <div className="multi-select" ref={rootRef}>
      <button
        type="button"
        className="multi-select__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`Columns: ${summary}`}
        data-active={shown !== columns.length || undefined}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="multi-select__label">Columns</span>
        <span className="multi-select__summary">{summary}</span>
      </button>
      {open && (
        <fieldset id={panelId} className="multi-select__panel" data-testid="column-chooser">
          <legend className="visually-hidden">Columns shown</legend>
          {columns.map((column) => {
            const isShown = !hidden.includes(column.id);
            const last = isShown && shown === 1;
            return (
              <label key={column.id} className="multi-select__option">
                <input
                  type="checkbox"
                  checked={isShown}
                  disabled={last}
                  title={last ? 'At least one column stays shown.' : undefined}
                  onChange={(event) =>
                    onHiddenChange(toggleColumn(hidden, column.id, event.target.checked))
                  }
                />
                {column.header}
              </label>
            );
          })}
          {customised && (
            <button type="button" className="link-button" onClick={onReset}>
              Reset columns
            </button>
          )}
        </fieldset>
      )}
    </div>
  );
}
