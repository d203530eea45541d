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
  hiddenColumns: string[];
}

const VERSION = 1;

export function emptyGridState(sort: GridSort | null = null): GridViewState {
  return { clusters: [], namespaces: [], kinds: [], q: '', sort, hiddenColumns: [] };
}

export function loadGridState(viewId: string, defaults: GridViewState): GridViewState {
  const stored = readStored(viewStorageKey('grid', viewId));
  if (typeof stored !== 'object' || stored === null) return defaults;
  const record = stored as Record<string, unknown>;
  if (record.v !== VERSION) return defaults;
  return {
    clusters: stringArray(record.clusters),
    namespaces: stringArray(record.namespaces),
    kinds: stringArray(record.kinds),
    q: typeof record.q === 'string' ? record.q : '',
    sort: readSort(record.sort) ?? defaults.sort,
    hiddenColumns: stringArray(record.hiddenColumns),
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
    () =>
      setState((previous) => ({
        ...emptyGridState(defaultSort),
        hiddenColumns: previous.hiddenColumns,
      })),
    [defaultSort],
  );
  return [state, update, reset];
}

function readSort(value: unknown): GridSort | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (typeof record.field !== 'string') return null;
  return { field: record.field, order: record.order === 'desc' ? 'desc' : 'asc' };
}
