import type { Snapshot, SnapshotClusterPart } from '../core/types.generated';

/** A per-cluster part as the backend sends it (ready unless told otherwise). */
export function clusterPart(
  clusterId: string,
  overrides: Partial<SnapshotClusterPart> = {},
): SnapshotClusterPart {
  return {
    clusterId,
    clusterName: clusterId.slice(clusterId.indexOf(':') + 1),
    status: 'ready',
    message: null,
    itemCount: 0,
    durationMs: 3,
    cause: null,
    version: '1',
    ...overrides,
  };
}

/** A snapshot answer: `items` get clusterName from their clusterId when they lack one. */
export function snapshot(
  overrides: Partial<Snapshot> & { items?: Record<string, unknown>[] },
): Snapshot {
  const items = (overrides.items ?? []).map((item) => ({
    clusterName:
      typeof item.clusterId === 'string'
        ? item.clusterId.slice(item.clusterId.indexOf(':') + 1)
        : '',
    stale: false,
    ...item,
  }));
  return {
    domain: 'pods',
    selectedClusterIds: [],
    scopes: [],
    version: 'v1',
    generatedAt: '2025-01-01T00:00:00Z',
    clusters: [],
    total: items.length,
    ...overrides,
    items,
  };
}
