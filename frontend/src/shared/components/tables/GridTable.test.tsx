import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { installFakeLayout } from '../../../test/layout';
import { podItem } from '../../../test/snapshots';
import { clusterColumn, textColumn } from './columns';
import { GRID_ROW_HEIGHT, GridTable, nextSort } from './GridTable';
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

function renderTable(props: Partial<Parameters<typeof GridTable>[0]> = {}) {
  const onOpen = vi.fn();
  const onRangeChange = vi.fn();
  const onSortChange = vi.fn();
  render(
    <GridTable
      label="Pods"
      columns={COLUMNS}
      rowCount={1000}
      rowAt={rowsOf(1000)}
      revision={1}
      onOpen={onOpen}
      onRangeChange={onRangeChange}
      onSortChange={onSortChange}
      sort={null}
      rowState={(row) => ('stale' in row && row.stale ? 'stale' : undefined)}
      {...props}
    />,
  );
  return { onOpen, onRangeChange, onSortChange, grid: screen.getByRole('grid', { name: 'Pods' }) };
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
    const { grid } = renderTable({ hiddenColumns: ['namespace'] });
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

  it('opens a row on double click', () => {
    const { grid, onOpen } = renderTable();
    fireEvent.doubleClick(bodyRows(grid)[2] as HTMLElement);
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ name: 'web-2' }));
  });

  it('reports sort changes from the headers and marks the sorted column', () => {
    const { grid, onSortChange } = renderTable({ sort: { field: 'name', order: 'asc' } });
    fireEvent.click(within(grid).getByRole('button', { name: /Cluster/ }));
    expect(onSortChange).toHaveBeenCalledWith({ field: 'clusterName', order: 'asc' });
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
