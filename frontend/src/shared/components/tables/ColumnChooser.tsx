/**
 * The Columns menu of a table: one checkbox per column, ticked = shown (every column ticked until
 * the user unticks one), and "Reset columns" for the view's default columns, widths and order.
 */

import { toggled } from '../../toggled';
import { Dropdown } from '../Dropdown';
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
  const shown = columns.filter((column) => !hidden.includes(column.id)).length;
  const summary = shown === columns.length ? 'All shown' : `${shown} of ${columns.length}`;

  return (
    <Dropdown
      label="Columns"
      summary={summary}
      active={shown !== columns.length}
      testId="column-chooser"
    >
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
                onHiddenChange(toggled(hidden, column.id, !event.target.checked))
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
    </Dropdown>
  );
}
