/**
 * Keys for caches, stores and persisted UI state. Every key that belongs to a cluster carries its
 * clusterId (invariant 1), even with one cluster active, so state of two clusters never mixes.
 */

const PREFIX = 'regatta';

/** A persisted per-cluster key: `regatta.<area>|<clusterId>` (the clusterId comes last, whole). */
export function clusterStorageKey(area: string, clusterId: string): string {
  if (!clusterId) throw new Error(`A ${area} key needs a clusterId.`);
  return `${PREFIX}.${area}|${clusterId}`;
}

/** A persisted per-view key: `regatta.<area>.<viewId>`; its value holds cluster ids itself. */
export function viewStorageKey(area: string, viewId: string): string {
  return `${PREFIX}.${area}.${viewId}`;
}
