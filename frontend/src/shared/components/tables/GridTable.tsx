/**
 * The one virtualized table of the app: TanStack Table holds the column model (definitions,
 * visibility, header groups) and TanStack Virtual the rows. Rows come from a row source that may
 * hold only part of them (`rowAt` answers undefined for rows not loaded yet, which show as
 * placeholders); the visible range is reported so the source can load it. Sorting is the
 * server's: header clicks only report the new sort. Keyboard: arrows, Page Up/Down, Home/End
 * move the active row; Enter opens it.
 */
import {
  type ColumnDef,
  type ColumnVisibilityState,
  columnVisibilityFeature,
  tableFeatures,
  useTable,
} from '@tanstack/react-table';
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
import { GridRow } from './GridRow';
import type { GridColumn, GridSort, TableRow } from './gridColumn';

const features = tableFeatures({ columnVisibilityFeature });
type Features = typeof features;

export const GRID_ROW_HEIGHT = 28;
const OVERSCAN_ROWS = 8;
/** The table model never holds rows (they are virtual and paged); it models the columns. */
const NO_ROWS: TableRow[] = [];

export interface GridTableProps {
  /** Accessible name of the grid. */
  label: string;
  columns: readonly GridColumn[];
  hiddenColumns?: readonly string[];
  rowCount: number;
  rowAt: (index: number) => TableRow | undefined;
  /** Changes whenever rows changed without `rowCount` changing. */
  revision: number;
  onRangeChange?: (start: number, end: number) => void;
  sort?: GridSort | null;
  onSortChange?: (sort: GridSort | null) => void;
  onOpen?: (row: TableRow) => void;
  /** A `data-state` mark for a row (e.g. stale). */
  rowState?: (row: TableRow) => string | undefined;
}

export const GridTable = memo(function GridTable({
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

  const columnDefs = useMemo<ColumnDef<Features, TableRow, unknown>[]>(
    () =>
      columns.map((column) => ({
        id: column.id,
        header: column.header,
        accessorFn: (row: TableRow) => column.text(row),
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
    data: NO_ROWS,
    state: { columnVisibility },
  });
  const specById = useMemo(() => new Map(columns.map((column) => [column.id, column])), [columns]);
  const visibleIds = table
    .getVisibleLeafColumns()
    .map((column) => column.id)
    .join('\n');
  const visibleColumns = useMemo(
    () =>
      visibleIds
        .split('\n')
        .map((id) => specById.get(id))
        .filter((column): column is GridColumn => column !== undefined),
    [visibleIds, specById],
  );
  const totalWidth = visibleColumns.reduce((sum, column) => sum + column.width, 0);

  const moveTo = (index: number) => {
    if (rowCount === 0) return;
    const next = Math.max(0, Math.min(rowCount - 1, index));
    setActiveIndex(next);
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
  const activeShown =
    activeIndex !== null &&
    activeIndex >= firstIndex &&
    activeIndex <= lastIndex &&
    !!rowAt(activeIndex);

  return (
    <div ref={scrollRef} className="grid-table">
      <table
        className="grid-table__table"
        aria-label={label}
        aria-rowcount={rowCount + 1}
        aria-colcount={visibleColumns.length}
        aria-activedescendant={activeShown ? rowDomId(activeIndex) : undefined}
        tabIndex={0}
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA grid pattern on a table: one tab stop, arrows move inside
        role="grid"
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (activeIndex === null && rowCount > 0) setActiveIndex(firstIndex);
        }}
        style={{ width: totalWidth }}
        data-revision={revision}
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
                  style={{ width: spec?.width }}
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
            const row = rowAt(item.index);
            return (
              <GridRow
                key={item.key}
                domId={rowDomId(item.index)}
                index={item.index}
                row={row}
                columns={visibleColumns}
                start={item.start}
                height={GRID_ROW_HEIGHT}
                active={activeIndex === item.index}
                state={row ? rowState?.(row) : undefined}
                onActivate={setActiveIndex}
                onOpen={onOpen}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
});

/** Header clicks cycle a column: ascending, descending, unsorted. */
export function nextSort(current: GridSort | null, field: string): GridSort | null {
  if (current?.field !== field) return { field, order: 'asc' };
  return current.order === 'asc' ? { field, order: 'desc' } : null;
}
