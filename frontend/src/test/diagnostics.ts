import type { ClusterDiagnosticsEntry, Diagnostics } from '../core/types.generated';

/** A diagnostics entry of one cluster as the backend sends it (ready unless told otherwise). */
export function diagnosticsEntry(
  clusterId: string,
  overrides: Partial<ClusterDiagnosticsEntry> = {},
): ClusterDiagnosticsEntry {
  return {
    clusterId,
    clusterName: clusterId.slice(clusterId.indexOf(':') + 1),
    status: 'ready',
    message: null,
    lastSyncAt: null,
    apiLatencyMs: null,
    apiLatencyAt: null,
    watches: [],
    permissionIssues: [],
    connection: null,
    namespaceSource: 'list',
    aggregatedDiscovery: true,
    cachedRows: 0,
    estimatedBytes: 0,
    accessReviews: 0,
    ...overrides,
  };
}

export function diagnosticsReport(clusters: ClusterDiagnosticsEntry[]): Diagnostics {
  return {
    clusters,
    server: {
      openStreams: 0,
      cachedRows: 0,
      estimatedBytes: 0,
      sortedRuns: 0,
      openTerminals: 0,
      openLogFollows: 0,
      notices: [],
    },
  };
}
