/**
 * One virtualized row of a GridTable. Memoized on its row object, position and columns, so
 * scrolling renders only the rows that came into view, not every visible row again. One click
 * makes it the active row and opens it.
 */
import { memo } from 'react';
import type { GridColumn, TableRow } from './gridColumn';
import { fieldOf } from './rowFields';

export interface GridRowProps {
  domId: string;
  index: number;
  /** Undefined while the row is not loaded: a placeholder row. */
  row: TableRow | undefined;
  columns: readonly GridColumn[];
  start: number;
  height: number;
  active: boolean;
  onActivate: (index: number) => void;
  onOpen: ((row: TableRow) => void) | undefined;
}

export const GridRow = memo(function GridRow({
  domId,
  index,
  row,
  columns,
  start,
  height,
  active,
  onActivate,
  onOpen,
}: GridRowProps) {
  return (
    <tr
      id={domId}
      aria-rowindex={index + 2}
      aria-selected={active}
      className="grid-table__row"
      data-index={index}
      // Zebra stripes from the row's own index: an :nth-child rule would restyle every row
      // whenever one enters or leaves the DOM.
      data-parity={index % 2 ? 'odd' : 'even'}
      // A stale row (its cluster's last good data) looks so.
      data-state={row && fieldOf(row, 'stale') === true ? 'stale' : undefined}
      data-loading={row ? undefined : true}
      style={{ transform: `translateY(${start}px)`, height }}
      onClick={() => {
        onActivate(index);
        if (row) onOpen?.(row);
      }}
    >
      {columns.map((column) =>
        row ? (
          <td
            key={column.id}
            className="grid-table__cell"
            data-align={column.align}
            data-column={column.id}
            style={{ width: column.width }}
            title={column.text(row)}
          >
            {column.render ? column.render(row) : column.text(row)}
          </td>
        ) : (
          <td
            key={column.id}
            className="grid-table__cell grid-table__cell--placeholder"
            style={{ width: column.width }}
          />
        ),
      )}
    </tr>
  );
});
