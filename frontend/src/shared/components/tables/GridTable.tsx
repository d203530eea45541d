/**
 * The one virtualized table of the app (TanStack Table for columns and cells, TanStack Virtual
 * for rows). Rows come from a row source that may hold only part of them (`rowAt` answers
 * undefined for rows not loaded yet, which show as placeholders); the visible range is reported
 * so the source can load it. Sorting is the server's: header clicks only report the new sort.
 * Keyboard: arrows, Page Up/Down, Home/End move the active row; Enter opens it.
 */
import {
  type ColumnDef,
  type ColumnVisibilityState,
  columnVisibilityFeature,
  type Row,
  tableFeatures,
  useTable,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { SnapshotRow } from '../../../core/refresh/pagedSnapshot';
import type { GridColumn, GridSort } from './gridColumn';

const features = tableFeatures({ columnVisibilityFeature });
type Features = typeof features;

export const GRID_ROW_HEIGHT = 28;
const OVERSCAN_ROWS = 12;

/** A loaded row, with its index in the whole result. */
interface IndexedRow {
  index: number;
  row: SnapshotRow;
}

export interface GridTableProps {
  /** Accessible name of the grid. */
  label: string;
  columns: readonly GridColumn[];
  hiddenColumns?: readonly string[];
  rowCount: number;
  rowAt: (index: number) => SnapshotRow | undefined;
  /** Changes whenever rows changed without `rowCount` changing. */
  revision: number;
  onRangeChange?: (start: number, end: number) => void;
  sort?: GridSort | null;
  onSortChange?: (sort: GridSort | null) => void;
  onOpen?: (row: SnapshotRow) => void;
  /** Extra `data-*` marks on a row (e.g. stale). */
  rowState?: (row: SnapshotRow) => string | undefined;
}

export function GridTable({
  label,
  columns,
  hiddenColumns = [],
  rowCount,
  rowAt,
  revision,
  onRangeChange,
  sort = null,
  onSortChange,
  onOpen,
  rowState,
}: GridTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const gridId = useId();
  const [activeIndex, setActiveIndex] = useState<number | null>(null);

  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => GRID_ROW_HEIGHT,
    overscan: OVERSCAN_ROWS,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const firstIndex = virtualItems[0]?.index ?? 0;
  const lastIndex = virtualItems[virtualItems.length - 1]?.index ?? 0;

  useEffect(() => {
    onRangeChange?.(firstIndex, lastIndex);
  }, [onRangeChange, firstIndex, lastIndex]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` says the rows changed
  const windowRows = useMemo<IndexedRow[]>(() => {
    const loaded: IndexedRow[] = [];
    for (const item of virtualItems) {
      const row = rowAt(item.index);
      if (row) loaded.push({ index: item.index, row });
    }
    return loaded;
  }, [rowAt, revision, firstIndex, lastIndex]);

  const columnDefs = useMemo<ColumnDef<Features, IndexedRow, unknown>[]>(
    () =>
      columns.map((column) => ({
        id: column.id,
        header: column.header,
        accessorFn: (indexed: IndexedRow) => column.text(indexed.row),
        cell: ({ row }: { row: Row<Features, IndexedRow> }) =>
          column.render ? column.render(row.original.row) : column.text(row.original.row),
      })),
    [columns],
  );
  const columnVisibility = useMemo<ColumnVisibilityState>(
    () => Object.fromEntries(hiddenColumns.map((id) => [id, false])),
    [hiddenColumns],
  );
  const table = useTable({
    features,
    columns: columnDefs,
    data: windowRows,
    getRowId: (indexed) => String(indexed.index),
    state: { columnVisibility },
  });
  const visibleColumns = table.getVisibleLeafColumns();
  const specById = useMemo(() => new Map(columns.map((column) => [column.id, column])), [columns]);
  const widthOf = (id: string) => specById.get(id)?.width ?? 120;
  const totalWidth = visibleColumns.reduce((sum, column) => sum + widthOf(column.id), 0);
  const rowsByIndex = new Map(table.getRowModel().rows.map((row) => [row.original.index, row]));

  const moveTo = (index: number) => {
    if (rowCount === 0) return;
    const next = Math.max(0, Math.min(rowCount - 1, index));
    setActiveIndex(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = activeIndex ?? -1;
    const page = Math.max(1, lastIndex - firstIndex - OVERSCAN_ROWS);
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: Math.max(0, current - 1),
      PageDown: current + page,
      PageUp: current - page,
      Home: 0,
      End: rowCount - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
      return;
    }
    if (event.key === 'Enter' && activeIndex !== null) {
      const row = rowAt(activeIndex);
      if (row) {
        event.preventDefault();
        onOpen?.(row);
      }
    }
  };

  const rowDomId = (index: number) => `${gridId}-row-${index}`;
  const activeRendered = activeIndex !== null && rowsByIndex.has(activeIndex);

  return (
    <div ref={scrollRef} className="grid-table">
      <table
        className="grid-table__table"
        aria-label={label}
        aria-rowcount={rowCount + 1}
        aria-colcount={visibleColumns.length}
        aria-activedescendant={activeRendered ? rowDomId(activeIndex) : undefined}
        tabIndex={0}
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA grid pattern on a table: one tab stop, arrows move inside
        role="grid"
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (activeIndex === null && rowCount > 0) setActiveIndex(firstIndex);
        }}
        style={{ width: totalWidth }}
      >
        <thead className="grid-table__header">
          <tr aria-rowindex={1}>
            {table.getHeaderGroups()[0]?.headers.map((header) => {
              const spec = specById.get(header.column.id);
              const sortField = spec?.sortField;
              const sorted = sortField && sort?.field === sortField ? sort.order : null;
              return (
                <th
                  key={header.id}
                  className="grid-table__cell grid-table__head"
                  data-align={spec?.align}
                  style={{ width: widthOf(header.column.id) }}
                  aria-sort={
                    sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                  }
                >
                  {sortField && onSortChange ? (
                    <button
                      type="button"
                      className="grid-table__sort"
                      tabIndex={-1}
                      onClick={() => onSortChange(nextSort(sort, sortField))}
                    >
                      <table.FlexRender header={header} />
                      <span className="grid-table__sort-mark" aria-hidden="true">
                        {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                      </span>
                    </button>
                  ) : (
                    <table.FlexRender header={header} />
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="grid-table__body" style={{ height: virtualizer.getTotalSize() }}>
          {virtualItems.map((item) => {
            const row = rowsByIndex.get(item.index);
            const state = row ? rowState?.(row.original.row) : undefined;
            return (
              <tr
                key={item.key}
                id={rowDomId(item.index)}
                aria-rowindex={item.index + 2}
                aria-selected={activeIndex === item.index}
                className="grid-table__row"
                data-index={item.index}
                data-state={state}
                data-loading={row ? undefined : true}
                style={{ transform: `translateY(${item.start}px)`, height: GRID_ROW_HEIGHT }}
                onClick={() => setActiveIndex(item.index)}
                onDoubleClick={() => row && onOpen?.(row.original.row)}
              >
                {row
                  ? row.getVisibleCells().map((cell) => {
                      const spec = specById.get(cell.column.id);
                      return (
                        <td
                          key={cell.id}
                          className="grid-table__cell"
                          data-align={spec?.align}
                          data-column={cell.column.id}
                          style={{ width: widthOf(cell.column.id) }}
                          title={spec?.text(row.original.row)}
                        >
                          <table.FlexRender cell={cell} />
                        </td>
                      );
                    })
                  : visibleColumns.map((column) => (
                      <td
                        key={column.id}
                        className="grid-table__cell grid-table__cell--placeholder"
                        style={{ width: widthOf(column.id) }}
                      />
                    ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Header clicks cycle a column: ascending, descending, unsorted. */
export function nextSort(current: GridSort | null, field: string): GridSort | null {
  if (current?.field !== field) return { field, order: 'asc' };
  return current.order === 'asc' ? { field, order: 'desc' } : null;
}
