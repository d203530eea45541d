/**
 * The namespaces of every selected cluster (`GET /api/v1/snapshots/namespaces`), fetched once for
 * the sidebar and the filter bars, and again when the catalog stream says they changed.
 */
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { type SnapshotState, useSnapshot } from '../../core/refresh/hooks';
import { clusterScope } from '../../core/refresh/scopes';

const ListingContext = createContext<SnapshotState>({ status: 'idle' });

export function NamespaceListingProvider({
  clusterIds,
  children,
}: {
  clusterIds: readonly string[];
  children: ReactNode;
}) {
  const clusterKey = clusterIds.join('\n');
  const query = useMemo(
    () => (clusterKey ? { scopes: clusterKey.split('\n').map(clusterScope), sort: 'name' } : null),
    [clusterKey],
  );
  const state = useSnapshot('namespaces', query);
  return <ListingContext.Provider value={state}>{children}</ListingContext.Provider>;
}

export function useNamespaceListing(): SnapshotState {
  return useContext(ListingContext);
}

/** Namespace names of all listed clusters, each once, sorted (for the Namespaces filter). */
export function distinctNamespaceNames(state: SnapshotState): string[] {
  if (state.status !== 'loaded') return [];
  const names = new Set<string>();
  for (const item of state.snapshot.items) if (typeof item.name === 'string') names.add(item.name);
  return [...names].sort();
}
