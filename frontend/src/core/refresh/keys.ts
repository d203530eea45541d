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

/** Enough of a row to name it: every aggregated row has these (or some of them). */
interface RowLike {
  clusterId?: unknown;
  uid?: unknown;
  kind?: unknown;
  namespace?: unknown;
  name?: unknown;
}

/**
 * A row's identity across clusters: `clusterId|uid` when the row has a uid, else
 * `clusterId|<kind>/<namespace>/<name>`. Two clusters' `shop/web` never share a key.
 */
export function rowKey(row: RowLike): string {
  const clusterId = typeof row.clusterId === 'string' ? row.clusterId : '';
  if (typeof row.uid === 'string' && row.uid) return `${clusterId}|${row.uid}`;
  const part = (value: unknown) => (typeof value === 'string' ? value : '');
  return `${clusterId}|${part(row.kind)}/${part(row.namespace)}/${part(row.name)}`;
}
