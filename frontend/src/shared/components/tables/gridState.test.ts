import { afterEach, describe, expect, it } from 'vitest';
import {
  clearedFilters,
  DEFAULT_COLUMN_LAYOUT,
  effectiveClusters,
  emptyGridState,
  loadGridState,
  saveGridState,
} from './gridState';

afterEach(() => localStorage.clear());

describe('grid state persistence', () => {
  it('stores the filters per view, clusters as clusterIds', () => {
    const state = {
      ...emptyGridState(),
      clusters: ['dev.yaml:beta'],
      namespaces: ['shop'],
      q: 'web',
      sort: { field: 'name', order: 'desc' as const },
      hiddenColumns: ['node'],
    };
    saveGridState('pods', state);

    expect(JSON.parse(localStorage.getItem('regatta.grid.pods') ?? '{}')).toMatchObject({
      v: 2,
      clusters: ['dev.yaml:beta'],
    });
    expect(loadGridState('pods', emptyGridState())).toEqual(state);
    expect(loadGridState('nodes', emptyGridState())).toEqual(emptyGridState());
  });

  it('falls back to the defaults for garbage and other versions', () => {
    localStorage.setItem('regatta.grid.pods', '{not json');
    expect(loadGridState('pods', emptyGridState())).toEqual(emptyGridState());
    localStorage.setItem('regatta.grid.pods', JSON.stringify({ v: 99, q: 'x' }));
    expect(loadGridState('pods', emptyGridState())).toEqual(emptyGridState());
    localStorage.setItem(
      'regatta.grid.pods',
      JSON.stringify({
        v: 2,
        clusters: [1, 'a:b'],
        sort: 'x',
        columnWidths: { name: 'x', ns: 90 },
      }),
    );
    expect(loadGridState('pods', emptyGridState({ field: 'name', order: 'asc' }))).toMatchObject({
      clusters: ['a:b'],
      sort: { field: 'name', order: 'asc' },
      columnWidths: { ns: 90 },
    });
  });

  it("drops the old chooser's columns (ticking one hid the rest) but keeps the filters", () => {
    localStorage.setItem(
      'regatta.grid.pods',
      JSON.stringify({ v: 1, q: 'web', hiddenColumns: ['clusterName', 'name', 'namespace'] }),
    );
    expect(loadGridState('pods', emptyGridState())).toMatchObject({ q: 'web', hiddenColumns: [] });
  });

  it('keeps the column layout when the filters are cleared, and resets it on its own', () => {
    const state = {
      ...emptyGridState(),
      q: 'web',
      labelSelector: 'app=web',
      hiddenColumns: ['node'],
      columnWidths: { name: 300 },
      columnOrder: ['name', 'clusterName'],
    };
    expect(clearedFilters(state, null)).toEqual({
      ...emptyGridState(),
      hiddenColumns: ['node'],
      columnWidths: { name: 300 },
      columnOrder: ['name', 'clusterName'],
    });
    expect({ ...state, ...DEFAULT_COLUMN_LAYOUT }).toEqual({
      ...state,
      hiddenColumns: [],
      columnWidths: {},
      columnOrder: [],
    });
  });
});

describe('effectiveClusters', () => {
  const selected = ['dev.yaml:alpha', 'dev.yaml:beta', 'prod.yaml:gamma'];

  it('narrows to the chosen clusters, in selection order', () => {
    expect(effectiveClusters(['prod.yaml:gamma', 'dev.yaml:alpha'], selected)).toEqual([
      'dev.yaml:alpha',
      'prod.yaml:gamma',
    ]);
  });

  it('means every selected cluster when nothing (still selected) is chosen', () => {
    expect(effectiveClusters([], selected)).toEqual(selected);
    expect(effectiveClusters(['dev.yaml:gone'], selected)).toEqual(selected);
  });
});
