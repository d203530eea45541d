/**
 * The refresh client of the app: one SnapshotClient (conditional-request cache), one
 * RefreshCoordinator (catalog-stream doorbells, polling fallback) following the selected
 * clusters, and the cluster status store.
 */
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { ClusterStatusStore } from './clusterStatus';
import { RefreshCoordinator } from './refreshCoordinator';
import { SnapshotClient } from './snapshotClient';

export interface RefreshServices {
  client: SnapshotClient;
  coordinator: RefreshCoordinator;
  statuses: ClusterStatusStore;
}

const RefreshContext = createContext<RefreshServices | null>(null);

export function createRefreshServices(): RefreshServices {
  return {
    client: new SnapshotClient(),
    coordinator: new RefreshCoordinator(),
    statuses: new ClusterStatusStore(),
  };
}

export function RefreshProvider({
  clusterIds,
  services,
  children,
}: {
  /** The selected clusters: the catalog stream follows exactly these. */
  clusterIds: readonly string[];
  /** For tests; the app creates its own. */
  services?: RefreshServices;
  children: ReactNode;
}) {
  const [value] = useState(() => services ?? createRefreshServices());
  const clusterKey = clusterIds.join('\n');
  useEffect(() => {
    const clusterIds = clusterKey ? clusterKey.split('\n') : [];
    value.statuses.retainHealth(clusterIds);
    value.coordinator.setClusters(clusterIds);
  }, [value, clusterKey]);
  useEffect(
    () => value.statuses.onHealthChange((clusterId) => value.coordinator.ringCluster(clusterId)),
    [value],
  );
  useEffect(
    () => value.coordinator.onClusterHealth((health) => value.statuses.reportHealth(health)),
    [value],
  );
  useEffect(() => () => value.coordinator.dispose(), [value]);
  return <RefreshContext.Provider value={value}>{children}</RefreshContext.Provider>;
}

export function useRefreshServices(): RefreshServices {
  const services = useContext(RefreshContext);
  if (!services) throw new Error('useRefreshServices needs a <RefreshProvider> above it.');
  return services;
}
