/**
 * A table view's filters and column state, persisted per view in localStorage
 * (`regatta.grid.<viewId>`). The Clusters filter is stored as clusterIds, so it survives other
 * clusters being added and means the same clusters after a restart; ids no longer selected are
 * kept but ignored until they are selected again.
 */
import { useCallback, useEffect, useState } from 'react';
import { viewStorageKey } from '../../../core/refresh/keys';
import { readStored, stringArray, writeStored } from '../../storage';
import type { GridSort } from './gridColumn';

export interface GridViewState {
  /** Chosen clusterIds; empty: every selected cluster. */
  clusters: string[];
  /** Namespace names (the `namespace` parameter, across clusters); empty: all. */
  namespaces: string[];
  kinds: string[];
  q: string;
  sort: GridSort | null;
  /** Columns the user unticked; every other column is shown. */
  hiddenColumns: string[];
  /** Column widths the user dragged, by column id. */
  columnWidths: Record<string, number>;
  /** Column ids in the order the user dragged them to; empty: the view's order. */
  columnOrder: string[];
  /** A label selector (`app=web,tier!=db`), applied by the server on every cluster. */
  labelSelector: string;
}

const VERSION = 2;
/** Version 1 stored the columns of the old chooser, where ticking one hid the others: its column
 * choice is dropped (every column shown again), its filters are kept. */
const OLD_CHOOSER_VERSION = 1;

export function emptyGridState(sort: GridSort | null = null): GridViewState {
  return {
    clusters: [],
    namespaces: [],
    kinds: [],
    q: '',
    sort,
    hiddenColumns: [],
    columnWidths: {},
    columnOrder: [],
    labelSelector: '',
  };
}

export function loadGridState(viewId: string, defaults: GridViewState): GridViewState {
  const stored = readStored(viewStorageKey('grid', viewId));
  if (typeof stored !== 'object' || stored === null) return defaults;
  const record = stored as Record<string, unknown>;
  if (record.v !== VERSION && record.v !== OLD_CHOOSER_VERSION) return defaults;
  return {
    clusters: stringArray(record.clusters),
    namespaces: stringArray(record.namespaces),
    kinds: stringArray(record.kinds),
    q: typeof record.q === 'string' ? record.q : '',
    sort: readSort(record.sort) ?? defaults.sort,
    hiddenColumns: record.v === VERSION ? stringArray(record.hiddenColumns) : [],
    columnWidths: widthRecord(record.columnWidths),
    columnOrder: stringArray(record.columnOrder),
    labelSelector: typeof record.labelSelector === 'string' ? record.labelSelector : '',
  };
}

export function saveGridState(viewId: string, state: GridViewState): void {
  writeStored(viewStorageKey('grid', viewId), { v: VERSION, ...state });
}

/** The chosen clusters that are selected now, in selection order; all selected when none is. */
export function effectiveClusters(
  chosen: readonly string[],
  selectedIds: readonly string[],
): string[] {
  const narrowed = selectedIds.filter((id) => chosen.includes(id));
  return narrowed.length > 0 ? narrowed : [...selectedIds];
}

/** The filters cleared; the column layout (shown, widths, order) kept. */
export function clearedFilters(state: GridViewState, defaultSort: GridSort | null): GridViewState {
  return {
    ...emptyGridState(defaultSort),
    hiddenColumns: state.hiddenColumns,
    columnWidths: state.columnWidths,
    columnOrder: state.columnOrder,
  };
}

/** The column layout of the view's defaults: every column shown, default widths and order. */
export const DEFAULT_COLUMN_LAYOUT: Pick<
  GridViewState,
  'hiddenColumns' | 'columnWidths' | 'columnOrder'
> = { hiddenColumns: [], columnWidths: {}, columnOrder: [] };

/** The view's state, loaded once and saved on every change. */
export function useGridState(
  viewId: string,
  defaultSort: GridSort | null,
): [GridViewState, (change: Partial<GridViewState>) => void, () => void] {
  const [state, setState] = useState(() => loadGridState(viewId, emptyGridState(defaultSort)));
  const [loadedFor, setLoadedFor] = useState(viewId);
  if (loadedFor !== viewId) {
    setLoadedFor(viewId);
    setState(loadGridState(viewId, emptyGridState(defaultSort)));
  }
  useEffect(() => {
    if (loadedFor === viewId) saveGridState(viewId, state);
  }, [viewId, loadedFor, state]);
  const update = useCallback(
    (change: Partial<GridViewState>) => setState((previous) => ({ ...previous, ...change })),
    [],
  );
  const reset = useCallback(
    () => setState((previous) => clearedFilters(previous, defaultSort)),
    [defaultSort],
  );
  return [state, update, reset];
}

function widthRecord(value: unknown): Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, number] =>
        typeof entry[1] === 'number' && Number.isFinite(entry[1]) && entry[1] > 0,
    ),
  );
}

function readSort(value: unknown): GridSort | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (typeof record.field !== 'string') return null;
  return { field: record.field, order: record.order === 'desc' ? 'desc' : 'asc' };
}
