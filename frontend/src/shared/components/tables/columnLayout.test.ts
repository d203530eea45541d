/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import { toggled } from '../../toggled';
import { fitWidths, moveColumn, orderColumns, SHRINK_FLOOR } from './columnLayout';
import type { GridColumn } from './gridColumn';

const column = (id: string, width: number, align?: 'end'): GridColumn => ({
  id,
  header: id,
  width,
  text: () => '',
  ...(align ? { align } : {}),
});
const columns = [column('cluster', 160), column('name', 200), column('restarts', 80, 'end')];

describe('the column chooser', () => {
  it('ticked means shown: ticking a hidden column shows only it again, unticking hides only it', () => {
    // The hidden list: unticking a column (hiding it) adds it, ticking removes it.
    expect(toggled([], 'node', true)).toEqual(['node']);
    expect(toggled(['node', 'ip'], 'node', false)).toEqual(['ip']);
    expect(toggled(['ip'], 'name', true)).toEqual(['ip', 'name']);
  });
});

describe('column order', () => {
  it("follows the user's order; columns it does not name keep their place", () => {
    expect(orderColumns(columns, ['restarts', 'cluster']).map((c) => c.id)).toEqual([
      'restarts',
      'name',
      'cluster',
    ]);
    expect(orderColumns(columns, []).map((c) => c.id)).toEqual(['cluster', 'name', 'restarts']);
  });
  it('moves a column before another, or to the end', () => {
    expect(moveColumn(['a', 'b', 'c'], 'c', 'a')).toEqual(['c', 'a', 'b']);
    expect(moveColumn(['a', 'b', 'c'], 'a', null)).toEqual(['b', 'c', 'a']);
  });
});

describe('fitWidths', () => {
  it('hands the spare width to the text columns the user did not size', () => {
    const widths = fitWidths(columns, {}, 800);
    expect(widths.restarts).toBe(80);
    expect((widths.cluster ?? 0) + (widths.name ?? 0) + (widths.restarts ?? 0)).toBe(800);
    expect(widths.name ?? 0).toBeGreaterThan(widths.cluster ?? 0);
  });
  it("keeps the user's widths and hands the spare to the other text columns", () => {
    expect(fitWidths(columns, { name: 500 }, 900)).toEqual({
      cluster: 320,
      name: 500,
      restarts: 80,
    });
  });
  it('shrinks the unsized text columns to fit a narrow view, down to a floor', () => {
    const narrow = fitWidths(columns, {}, 400);
    expect(narrow.restarts).toBe(80);
    expect((narrow.cluster ?? 0) + (narrow.name ?? 0) + (narrow.restarts ?? 0)).toBe(400);
    expect(narrow.name ?? 0).toBeGreaterThan(narrow.cluster ?? 0);
    const floor = 160 * SHRINK_FLOOR + 200 * SHRINK_FLOOR + 80;
    expect(fitWidths(columns, {}, floor)).toEqual({
      cluster: 160 * SHRINK_FLOOR,
      name: 200 * SHRINK_FLOOR,
      restarts: 80,
    });
  });
  it('keeps the defaults (the table scrolls) when even the floor does not fit', () => {
    expect(fitWidths(columns, {}, 100)).toEqual({ cluster: 160, name: 200, restarts: 80 });
    expect(fitWidths(columns, { name: 300 }, 200)).toEqual({
      cluster: 160,
      name: 300,
      restarts: 80,
    });
  });
});
