/**
 * The query of one snapshot request (CONTRACT §6) and its URL. Parameters are written in a fixed
 * order so that the URL is also the cache key (it carries every scope, hence every clusterId).
 */

export type SortOrder = 'asc' | 'desc';

export interface SnapshotQuery {
  /** One scope per cluster part (`clusterId|…`); an empty list means every selected cluster. */
  scopes: readonly string[];
  q?: string;
  namespaces?: readonly string[];
  kinds?: readonly string[];
  /** A label selector (`app=web,tier!=db`), applied by the server on every cluster. */
  labelSelector?: string;
  sort?: string;
  order?: SortOrder;
  limit?: number;
  offset?: number;
}

export function snapshotPath(domain: string): string {
  return `/api/v1/snapshots/${encodeURIComponent(domain)}`;
}

export function snapshotSearch(query: SnapshotQuery): string {
  const params = new URLSearchParams();
  for (const scope of query.scopes) params.append('scope', scope);
  if (query.q) params.set('q', query.q);
  for (const namespace of query.namespaces ?? []) params.append('namespace', namespace);
  for (const kind of query.kinds ?? []) params.append('kind', kind);
  if (query.labelSelector) params.set('labelSelector', query.labelSelector);
  if (query.sort) {
    params.set('sort', query.sort);
    params.set('order', query.order ?? 'asc');
  }
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.offset !== undefined) params.set('offset', String(query.offset));
  return params.toString();
}

export function snapshotUrl(domain: string, query: SnapshotQuery): string {
  const search = snapshotSearch(query);
  return search ? `${snapshotPath(domain)}?${search}` : snapshotPath(domain);
}
