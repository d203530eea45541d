/** React access to snapshots, the stream state and the cluster statuses. */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { type ContractError, toContractError } from '../contractError';
import type { ClusterHealth, Snapshot } from '../types.generated';
import type { ClusterStatusEntry } from './clusterStatus';
import type { StreamState } from './eventStream';
import { PagedSnapshot, type PagedSnapshotView } from './pagedSnapshot';
import { useRefreshServices } from './RefreshProvider';
import { splitScope } from './scopes';
import { type SnapshotQuery, snapshotUrl } from './snapshotQuery';

export type SnapshotState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'loaded'; snapshot: Snapshot }
  | { status: 'failed'; error: ContractError };

/** The clusters a list of scopes names, in order, each once. */
export function clusterIdsOfScopes(scopes: readonly string[]): string[] {
  return [...new Set(scopes.map((scope) => splitScope(scope).clusterId))];
}

/**
 * A whole snapshot (no paging), fetched again when the catalog stream says its domain changed in
 * one of the query's clusters; a failed refetch keeps the last one. `query` null: nothing to
 * fetch (state `idle`).
 */
export function useSnapshot(domain: string, query: SnapshotQuery | null): SnapshotState {
  const { client, coordinator, statuses } = useRefreshServices();
  const url = query ? snapshotUrl(domain, query) : null;
  // The URL names everything in the query, so it stands in for the query in dependencies.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the URL
  const stableQuery = useMemo(() => query, [url]);
  const [state, setState] = useState<SnapshotState>({ status: query ? 'loading' : 'idle' });

  useEffect(() => {
    if (!stableQuery) {
      setState({ status: 'idle' });
      return;
    }
    let controller: AbortController | null = null;
    const load = () => {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      client.fetch(domain, stableQuery, current.signal).then(
        ({ snapshot }) => {
          if (current.signal.aborted) return;
          statuses.reportParts(snapshot.clusters);
          setState({ status: 'loaded', snapshot });
        },
        (thrown: unknown) => {
          if (current.signal.aborted) return;
          const error = toContractError(thrown);
          setState((previous) =>
            previous.status === 'loaded' ? previous : { status: 'failed', error },
          );
        },
      );
    };
    setState({ status: 'loading' });
    load();
    const unwatch = coordinator.watch(domain, clusterIdsOfScopes(stableQuery.scopes), load);
    return () => {
      unwatch();
      controller?.abort();
    };
  }, [client, coordinator, statuses, domain, stableQuery]);

  return state;
}

/** A paged snapshot for a virtualized table; a new query starts a new one. */
export function usePagedSnapshot(
  domain: string,
  query: SnapshotQuery | null,
): { paged: PagedSnapshot | null; view: PagedSnapshotView | null } {
  const { client, coordinator, statuses } = useRefreshServices();
  const url = query ? snapshotUrl(domain, query) : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the URL
  const paged = useMemo(
    () =>
      query
        ? new PagedSnapshot(client, domain, query, {
            onParts: (parts) => statuses.reportParts(parts),
          })
        : null,
    [client, statuses, domain, url],
  );

  useEffect(() => {
    if (!paged) return;
    paged.start();
    const unwatch = coordinator.watch(paged.domain, clusterIdsOfScopes(paged.query.scopes), () =>
      paged.refresh(),
    );
    return () => {
      unwatch();
      paged.stop();
    };
  }, [paged, coordinator]);

  const view = useSyncExternalStore(paged?.subscribe ?? noSubscription, paged?.getView ?? nothing);
  return { paged, view };
}

export function useStreamState(): StreamState {
  const { coordinator } = useRefreshServices();
  return useSyncExternalStore(coordinator.subscribeState, coordinator.getState);
}

export function useClusterStatuses(): ReadonlyMap<string, ClusterStatusEntry> {
  const { statuses } = useRefreshServices();
  return useSyncExternalStore(statuses.subscribe, statuses.getSnapshot);
}

/** The health the catalog stream pushed, by clusterId (`event: cluster`). */
export function useClusterHealth(): ReadonlyMap<string, ClusterHealth> {
  const { statuses } = useRefreshServices();
  return useSyncExternalStore(statuses.subscribe, statuses.getHealth);
}

const noSubscription = () => () => {};
const nothing = () => null;
