import type {
  NamespaceItem,
  ObjectItem,
  ObjectSummary,
  PodItem,
  Snapshot,
  SnapshotClusterPart,
} from '../core/types.generated';

/** The cluster name part of a clusterId (`file:name`). */
function nameOf(clusterId: string): string {
  return clusterId.slice(clusterId.indexOf(':') + 1);
}

/** An object-details summary with nothing in it but `overrides`. */
export function objectSummary(overrides: Partial<ObjectSummary> = {}): ObjectSummary {
  return {
    replicas: null,
    unschedulable: null,
    containers: [],
    initContainers: [],
    ephemeralContainers: [],
    ports: [],
    specKeys: [],
    ...overrides,
  };
}

/** A per-cluster part as the backend sends it (ready unless told otherwise). */
export function clusterPart(
  clusterId: string,
  overrides: Partial<SnapshotClusterPart> = {},
): SnapshotClusterPart {
  return {
    clusterId,
    clusterName: nameOf(clusterId),
    status: 'ready',
    message: null,
    itemCount: 0,
    durationMs: 3,
    cause: null,
    version: '1',
    metrics: null,
    ...overrides,
  };
}

/** A list row of a kind without its own columns (a custom resource, say). */
export function objectItem(
  clusterId: string,
  name: string,
  overrides: Partial<ObjectItem> = {},
): ObjectItem {
  return {
    clusterId,
    clusterName: nameOf(clusterId),
    group: '',
    version: 'v1',
    kind: 'ConfigMap',
    namespace: '',
    name,
    uid: `${clusterId}/${name}`,
    createdAt: '2025-01-01T00:00:00Z',
    stale: false,
    ...overrides,
  };
}

/** A running pod row of ReplicaSet `web-abc` in `shop`. */
export function podItem(
  clusterId: string,
  name: string,
  overrides: Partial<PodItem> = {},
): PodItem {
  return {
    ...objectItem(clusterId, name, { kind: 'Pod', namespace: 'shop' }),
    phase: 'Running',
    status: 'Running',
    ready: '1/1',
    restarts: 0,
    node: 'node-1',
    ownerKind: 'ReplicaSet',
    ownerName: 'web-abc',
    labels: {},
    cpuRequestMillicores: null,
    cpuLimitMillicores: null,
    memoryRequestBytes: null,
    memoryLimitBytes: null,
    cpuMillicores: null,
    memoryBytes: null,
    cpuRequestPercent: null,
    cpuLimitPercent: null,
    memoryRequestPercent: null,
    memoryLimitPercent: null,
    ...overrides,
  };
}

export function namespaceItem(clusterId: string, name: string): NamespaceItem {
  return { ...objectItem(clusterId, name, { kind: 'Namespace' }), phase: 'Active' };
}

/** A snapshot answer of `items`. */
export function snapshot(overrides: Partial<Snapshot>): Snapshot {
  const items = overrides.items ?? [];
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
