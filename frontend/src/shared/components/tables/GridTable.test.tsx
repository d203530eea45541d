import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { installFakeLayout } from '../../../test/layout';
import { podItem } from '../../../test/snapshots';
import { clusterColumn, textColumn } from './columns';
import { GRID_ROW_HEIGHT, type GridLayout, GridTable, nextSort } from './GridTable';
import type { TableRow } from './gridColumn';

installFakeLayout(GRID_ROW_HEIGHT * 10);

const COLUMNS = [clusterColumn(), textColumn('namespace', 'Namespace'), textColumn('name', 'Name')];

function rowsOf(count: number, loaded = count): (index: number) => TableRow | undefined {
  return (index) =>
    index < loaded
      ? podItem(index % 2 ? 'dev.yaml:beta' : 'dev.yaml:alpha', `web-${index}`, {
          stale: index === 1,
        })
      : undefined;
}

/** A table layout with nothing hidden, sized, moved or sorted but `change`. */
function layout(change: Partial<GridLayout>): GridLayout {
  return { hiddenColumns: [], columnWidths: {}, columnOrder: [], sort: null, ...change };
}

function renderTable(props: Partial<Parameters<typeof GridTable>[0]> = {}) {
  const onOpen = vi.fn();
  const onRangeChange = vi.fn();
  const onLayoutChange = vi.fn();
  const table = (more: Partial<Parameters<typeof GridTable>[0]>) => (
    <GridTable
      label="Pods"
      columns={COLUMNS}
      rowCount={1000}
      rowAt={rowsOf(1000)}
      revision={1}
      onOpen={onOpen}
      onRangeChange={onRangeChange}
      onLayoutChange={onLayoutChange}
      {...more}
    />
  );
  const { rerender } = render(table(props));
  rerenderTable = (more) => rerender(table({ ...props, ...more }));
  return {
    onOpen,
    onRangeChange,
    onLayoutChange,
    grid: screen.getByRole('grid', { name: 'Pods' }),
  };
}

/** Render the same table again with other props (what a new snapshot does). */
let rerenderTable: ((props: Partial<Parameters<typeof GridTable>[0]>) => void) | null = null;
function renderAgain(_grid: HTMLElement, props: Partial<Parameters<typeof GridTable>[0]>) {
  rerenderTable?.(props);
}

function bodyRows(grid: HTMLElement): HTMLElement[] {
  return within(grid)
    .getAllByRole('row')
    .filter((row) => row.getAttribute('aria-rowindex') !== '1');
}

describe('GridTable', () => {
  it('renders only the visible rows of a large result, each with its cluster', () => {
    const { grid } = renderTable();
    const rows = bodyRows(grid);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40);
    expect(grid.getAttribute('aria-rowcount')).toBe('1001');
    expect(
      within(rows[0] as HTMLElement)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['alpha', 'shop', 'web-0']);
    expect(within(rows[1] as HTMLElement).getAllByRole('cell')[0]?.textContent).toBe('betastale');
    expect(rows[1]?.dataset.state).toBe('stale');
    expect(
      within(grid)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['Cluster', 'Namespace', 'Name']);
  });

  it('reports the visible range, and shows placeholders for rows not loaded yet', () => {
    const { grid, onRangeChange } = renderTable({ rowAt: rowsOf(1000, 3) });
    expect(onRangeChange).toHaveBeenCalledWith(0, expect.any(Number));
    const rows = bodyRows(grid);
    expect(rows[2]?.dataset.loading).toBeUndefined();
    expect(rows[3]?.dataset.loading).toBe('true');
  });

  it('hides columns by id', () => {
    const { grid } = renderTable({ layout: layout({ hiddenColumns: ['namespace'] }) });
    expect(
      within(grid)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['Cluster', 'Name']);
  });

  it('moves the active row with the keyboard and opens it with Enter', () => {
    const { grid, onOpen } = renderTable();
    fireEvent.focus(grid);
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowUp' });
    const active = bodyRows(grid).find((row) => row.getAttribute('aria-selected') === 'true');
    expect(active?.dataset.index).toBe('1');
    expect(grid.getAttribute('aria-activedescendant')).toBe(active?.id);

    fireEvent.keyDown(grid, { key: 'Enter' });
    expect(onOpen).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'web-1', clusterId: 'dev.yaml:beta' }),
    );
  });

  it('opens a row with one click', () => {
    const { grid, onOpen } = renderTable();
    fireEvent.click(bodyRows(grid)[2] as HTMLElement);
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ name: 'web-2' }));
    expect(bodyRows(grid)[2]?.getAttribute('aria-selected')).toBe('true');
  });

  it('keeps the highlight on the object (clusterId + uid), not on its old place, when rows go', () => {
    const rows = [0, 1, 2, 3].map((index) =>
      podItem(index % 2 ? 'dev.yaml:beta' : 'dev.yaml:alpha', `web-${index}`, {
        uid: `uid-${index}`,
      }),
    );
    const { grid } = renderTable({ rowCount: 4, rowAt: (index) => rows[index] });
    fireEvent.click(bodyRows(grid)[2] as HTMLElement); // alpha web-2
    // web-1 (beta) is deleted: web-2 moves up to index 1.
    const after = rows.filter((row) => row.name !== 'web-1');
    renderAgain(grid, { rowCount: 3, rowAt: (index) => after[index] });
    const selected = bodyRows(grid).filter((row) => row.getAttribute('aria-selected') === 'true');
    expect(selected.map((row) => within(row).getAllByRole('cell')[2]?.textContent)).toEqual([
      'web-2',
    ]);
    // web-2 itself is deleted: no other row (another cluster's) takes the highlight.
    const gone = after.filter((row) => row.name !== 'web-2');
    renderAgain(grid, { rowCount: 2, rowAt: (index) => gone[index] });
    expect(bodyRows(grid).some((row) => row.getAttribute('aria-selected') === 'true')).toBe(false);
  });

  it("shows columns in the user's order and reports a dragged column's new place", () => {
    const { grid, onLayoutChange } = renderTable({
      layout: layout({ columnOrder: ['name', 'clusterName'] }),
    });
    const headers = within(grid).getAllByRole('columnheader');
    expect(headers.map((header) => header.textContent)).toEqual(['Name', 'Namespace', 'Cluster']);
    const data = new Map<string, string>();
    const dataTransfer = {
      setData: (type: string, value: string) => data.set(type, value),
      getData: (type: string) => data.get(type) ?? '',
      get types() {
        return [...data.keys()];
      },
      effectAllowed: 'move',
    };
    fireEvent.dragStart(headers[2] as HTMLElement, { dataTransfer });
    fireEvent.drop(headers[0] as HTMLElement, { dataTransfer });
    expect(onLayoutChange).toHaveBeenCalledWith({
      columnOrder: ['clusterName', 'name', 'namespace'],
    });
  });

  it("gives columns the user's widths", () => {
    const { grid } = renderTable({ layout: layout({ columnWidths: { name: 333 } }) });
    const name = within(grid).getAllByRole('columnheader')[2];
    expect(name?.style.width).toBe('333px');
  });

  it('reports sort changes from the headers and marks the sorted column', () => {
    const { grid, onLayoutChange } = renderTable({
      layout: layout({ sort: { field: 'name', order: 'asc' } }),
    });
    fireEvent.click(within(grid).getByRole('button', { name: /Cluster/ }));
    expect(onLayoutChange).toHaveBeenCalledWith({ sort: { field: 'clusterName', order: 'asc' } });
    const nameHeader = within(grid).getAllByRole('columnheader')[2];
    expect(nameHeader?.getAttribute('aria-sort')).toBe('ascending');
  });
});

describe('nextSort', () => {
  it('cycles ascending, descending, unsorted', () => {
    expect(nextSort(null, 'name')).toEqual({ field: 'name', order: 'asc' });
    expect(nextSort({ field: 'name', order: 'asc' }, 'name')).toEqual({
      field: 'name',
      order: 'desc',
    });
    expect(nextSort({ field: 'name', order: 'desc' }, 'name')).toBeNull();
    expect(nextSort({ field: 'name', order: 'desc' }, 'node')).toEqual({
      field: 'node',
      order: 'asc',
    });
  });
});
