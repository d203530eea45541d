import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { textColumn } from './columns';
import { FilterBar } from './FilterBar';
import { emptyGridState } from './gridState';

const COLUMNS = [
  textColumn('name', 'Name'),
  textColumn('namespace', 'Namespace'),
  textColumn('node', 'Node'),
];

function renderBar(hiddenColumns: string[] = []) {
  const onChange = vi.fn();
  render(
    <FilterBar
      state={{ ...emptyGridState(), hiddenColumns }}
      onChange={onChange}
      onReset={vi.fn()}
      clusters={[]}
      columns={COLUMNS}
    />,
  );
  fireEvent.click(screen.getByRole('button', { name: /^Columns/ }));
  return { onChange, panel: screen.getByRole('group', { name: /Columns/ }) };
}

describe('the column chooser', () => {
  it('ticks every shown column by default; unticking Node hides Node only', () => {
    const { onChange, panel } = renderBar();
    const boxes = within(panel).getAllByRole('checkbox');
    expect(boxes.map((box) => (box as HTMLInputElement).checked)).toEqual([true, true, true]);
    fireEvent.click(within(panel).getByRole('checkbox', { name: 'Node' }));
    expect(onChange).toHaveBeenCalledWith({ hiddenColumns: ['node'] });
  });

  it('ticking a hidden column shows it again, and Reset columns restores the defaults', () => {
    const { onChange, panel } = renderBar(['node']);
    expect(
      (within(panel).getByRole('checkbox', { name: 'Node' }) as HTMLInputElement).checked,
    ).toBe(false);
    fireEvent.click(within(panel).getByRole('checkbox', { name: 'Node' }));
    expect(onChange).toHaveBeenCalledWith({ hiddenColumns: [] });
    fireEvent.click(within(panel).getByRole('button', { name: 'Reset columns' }));
    expect(onChange).toHaveBeenCalledWith({ hiddenColumns: [], columnWidths: {}, columnOrder: [] });
  });
});
