/**
 * The one virtualized table of the app (TanStack Virtual for the rows). Rows come from a row source that may
 * hold only part of them (`rowAt` answers undefined for rows not loaded yet, which show as
 * placeholders); the visible range is reported so the source can load it. Sorting is the
 * server's: header clicks only report the new sort. Columns can be dragged to another place and
 * resized by their header's edge (reported, the view remembers them); columns nobody sized share
 * the spare width of the view. A click or Enter opens a row; arrows, Page Up/Down, Home/End move
 * the active row. The active row is known by its identity (clusterId + uid), so it stays on that
 * object when rows come and go, and no other row takes its place when it is deleted.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  type KeyboardEvent,
  memo,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { clampWidth, fitWidths, moveColumn, orderColumns, shownColumns } from './columnLayout';
import { GridRow } from './GridRow';
import './tables.css';
import type { GridColumn, GridSort, TableRow } from './gridColumn';
import { DEFAULT_COLUMN_LAYOUT, type GridViewState } from './gridState';
import { rowKeyOf } from './rowFields';

export const GRID_ROW_HEIGHT = 28;
const OVERSCAN_ROWS = 8;

export interface GridTableProps {
  /** Accessible name of the grid. */
  label: string;
  columns: readonly GridColumn[];
  /** Hidden columns, the user's widths and order, and the sort: a view's remembered state. */
  layout?: GridLayout;
  /** Told a header click (sort), a drag of a header's edge (width) or of a header (order). */
  onLayoutChange?: (change: Partial<GridLayout>) => void;
  rowCount: number;
  rowAt: (index: number) => TableRow | undefined;
  /** Changes whenever rows changed without `rowCount` changing. */
  revision: number;
  onRangeChange?: (start: number, end: number) => void;
  onOpen?: (row: TableRow) => void;
  /** The row shown as open (its key, `rowKeyOf`), e.g. the object in the panel. */
  openKey?: string | null;
  /** Told the row that became active (click, keyboard), for actions on it (copy). */
  onActiveRow?: (row: TableRow | undefined) => void;
}

export type GridLayout = Pick<
  GridViewState,
  'hiddenColumns' | 'columnWidths' | 'columnOrder' | 'sort'
>;

const NO_LAYOUT: GridLayout = { ...DEFAULT_COLUMN_LAYOUT, sort: null };

export const GridTable = memo(function GridTable({
  label,
  columns,
  layout = NO_LAYOUT,
  onLayoutChange,
  rowCount,
  rowAt,
  revision,
  onRangeChange,
  onOpen,
  openKey = null,
  onActiveRow,
}: GridTableProps) {
  const { hiddenColumns, columnWidths, columnOrder, sort } = layout;
  const onColumnResize =
    onLayoutChange &&
    ((id: string, width: number) =>
      onLayoutChange({ columnWidths: { ...columnWidths, [id]: width } }));
  const scrollRef = useRef<HTMLDivElement>(null);
  const gridId = useId();
  // The active row: its index for the keyboard, its key for the highlight (rows move; keys don't).
  const [active, setActive] = useState<{ index: number; key: string | null } | null>(null);
  const [dragging, setDragging] = useState<{ id: string; width: number } | null>(null);
  const [available, setAvailable] = useState(0);

  useEffect(() => {
    const element = scrollRef.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setAvailable(element.clientWidth));
    observer.observe(element);
    setAvailable(element.clientWidth);
    return () => observer.disconnect();
  }, []);

  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => GRID_ROW_HEIGHT,
    overscan: OVERSCAN_ROWS,
    // Render scroll updates with React's batching instead of synchronously inside the scroll
    // handler: a fast drag then costs one render per frame, not one per scroll event.
    useFlushSync: false,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const firstIndex = virtualItems[0]?.index ?? 0;
  const lastIndex = virtualItems[virtualItems.length - 1]?.index ?? 0;

  useEffect(() => {
    onRangeChange?.(firstIndex, lastIndex);
  }, [onRangeChange, firstIndex, lastIndex]);

  const orderedIds = useMemo(
    () => orderColumns(columns, columnOrder).map((column) => column.id),
    [columns, columnOrder],
  );
  const visibleColumns = useMemo(
    () => shownColumns(columns, columnOrder, hiddenColumns),
    [columns, columnOrder, hiddenColumns],
  );
  const userWidths = useMemo(
    () => (dragging ? { ...columnWidths, [dragging.id]: dragging.width } : columnWidths),
    [columnWidths, dragging],
  );
  const widths = useMemo(
    () => fitWidths(visibleColumns, userWidths, available),
    [visibleColumns, userWidths, available],
  );
  const sizedColumns = useMemo(
    () => visibleColumns.map((column) => ({ ...column, width: widths[column.id] ?? column.width })),
    [visibleColumns, widths],
  );
  const totalWidth = sizedColumns.reduce((sum, column) => sum + column.width, 0);

  const startResize = (id: string, startX: number, startWidth: number, target: HTMLElement) => {
    const move = (event: PointerEvent) =>
      setDragging({ id, width: clampWidth(startWidth + event.clientX - startX) });
    const end = (event: PointerEvent) => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', end);
      setDragging(null);
      onColumnResize?.(id, clampWidth(startWidth + event.clientX - startX));
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', end);
  };
  const dropColumn = (dragged: string, before: string) => {
    if (dragged === before) return;
    const shownOrder = sizedColumns.map((column) => column.id);
    if (!shownOrder.includes(dragged)) return;
    const hiddenInOrder = orderedIds.filter((id) => !shownOrder.includes(id));
    onLayoutChange?.({
      columnOrder: [...moveColumn(shownOrder, dragged, before), ...hiddenInOrder],
    });
  };

  const activate = useCallback(
    (index: number) => {
      const row = rowAt(index);
      setActive({ index, key: row ? rowKeyOf(row) : null });
      onActiveRow?.(row);
    },
    [rowAt, onActiveRow],
  );
  // Where the active row is now: found again by its key among the rows in view.
  const highlightKey = active?.key ?? openKey;
  let activeIndex = active?.index ?? null;
  if (highlightKey) {
    const found = virtualItems.find((item) => {
      const row = rowAt(item.index);
      return row !== undefined && rowKeyOf(row) === highlightKey;
    });
    if (found) activeIndex = found.index;
  }

  const moveTo = (index: number) => {
    if (rowCount === 0) return;
    const next = Math.max(0, Math.min(rowCount - 1, index));
    activate(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const current = activeIndex ?? -1;
    const page = Math.max(1, lastIndex - firstIndex - 2 * OVERSCAN_ROWS);
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

  const rowDomId = useCallback((index: number) => `${gridId}-row-${index}`, [gridId]);
  const isActive = (index: number, row: TableRow | undefined): boolean => {
    if (highlightKey) return row !== undefined && rowKeyOf(row) === highlightKey;
    return activeIndex === index;
  };
  const activeShown =
    activeIndex !== null &&
    activeIndex >= firstIndex &&
    activeIndex <= lastIndex &&
    isActive(activeIndex, rowAt(activeIndex));

  return (
    <div ref={scrollRef} className="grid-table">
      <table
        className="grid-table__table"
        aria-label={label}
        aria-rowcount={rowCount + 1}
        aria-colcount={sizedColumns.length}
        aria-activedescendant={
          activeShown && activeIndex !== null ? rowDomId(activeIndex) : undefined
        }
        tabIndex={0}
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA grid pattern on a table: one tab stop, arrows move inside
        role="grid"
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (activeIndex === null && rowCount > 0) activate(firstIndex);
        }}
        style={{ width: totalWidth }}
        data-revision={revision}
      >
        <thead className="grid-table__header">
          <tr aria-rowindex={1}>
            {sizedColumns.map(({ id, header, width, sortField, align }) => {
              const sorted = sortField && sort?.field === sortField ? sort.order : null;
              return (
                <th
                  key={id}
                  className="grid-table__cell grid-table__head"
                  data-align={align}
                  data-column={id}
                  style={{ width }}
                  draggable={onLayoutChange !== undefined}
                  onDragStart={(event) => {
                    event.dataTransfer.setData(COLUMN_DRAG_TYPE, id);
                    event.dataTransfer.effectAllowed = 'move';
                  }}
                  onDragOver={(event) => {
                    if (event.dataTransfer.types.includes(COLUMN_DRAG_TYPE)) event.preventDefault();
                  }}
                  onDrop={(event) => {
                    const dragged = event.dataTransfer.getData(COLUMN_DRAG_TYPE);
                    if (!dragged) return;
                    event.preventDefault();
                    dropColumn(dragged, id);
                  }}
                  aria-sort={
                    sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                  }
                >
                  {sortField && onLayoutChange ? (
                    <button
                      type="button"
                      className="grid-table__sort"
                      tabIndex={-1}
                      onClick={() => onLayoutChange({ sort: nextSort(sort, sortField) })}
                    >
                      {header}
                      <span className="grid-table__sort-mark" aria-hidden="true">
                        {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                      </span>
                    </button>
                  ) : (
                    header
                  )}
                  {onColumnResize && (
                    <span
                      className="grid-table__resize"
                      data-testid={`resize-${id}`}
                      aria-hidden="true"
                      onPointerDown={(event) => {
                        event.preventDefault();
                        event.stopPropagation();
                        event.currentTarget.setPointerCapture?.(event.pointerId);
                        startResize(id, event.clientX, width, event.currentTarget);
                      }}
                      onDoubleClick={() =>
                        onColumnResize(
                          id,
                          columns.find((column) => column.id === id)?.width ?? width,
                        )
                      }
                    />
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="grid-table__body" style={{ height: virtualizer.getTotalSize() }}>
          {virtualItems.map((item) => {
            const row = rowAt(item.index);
            return (
              <GridRow
                key={item.key}
                domId={rowDomId(item.index)}
                index={item.index}
                row={row}
                columns={sizedColumns}
                start={item.start}
                height={GRID_ROW_HEIGHT}
                active={isActive(item.index, row)}
                onActivate={activate}
                onOpen={onOpen}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
});

const COLUMN_DRAG_TYPE = 'application/x-regatta-column';

/** Header clicks cycle a column: ascending, descending, unsorted. */
export function nextSort(current: GridSort | null, field: string): GridSort | null {
  if (current?.field !== field) return { field, order: 'asc' };
  return current.order === 'asc' ? { field, order: 'desc' } : null;
}
