/** The palette's object search: `GET /api/v1/search` and how its answer is shown. */
import { requestJson } from '../../core/http';
import type { ObjectRef, SearchClusterGroup, SearchResult } from '../../core/types.generated';

/** Queries shorter than this are not sent (one letter matches everything). */
export const MIN_SEARCH_LENGTH = 2;

export function searchObjects(query: string, signal: AbortSignal): Promise<SearchResult> {
  const params = new URLSearchParams({ q: query, limit: '8' });
  return requestJson<SearchResult>(`/api/v1/search?${params}`, { signal });
}

export interface ShownGroup {
  clusterId: string;
  clusterName: string;
  /** The cluster's status when it is not `ready` (a stale cluster's hits are still shown). */
  note: string | null;
  stale: boolean;
  hits: ShownHit[];
  /** "3 of 41": shown when the cluster has more matches than hits. */
  more: string | null;
}

export interface ShownHit {
  key: string;
  ref: ObjectRef;
  label: string;
  detail: string;
  match: string;
}

/** The answer in the order the palette lists it: clusters in selection order, hits best first. */
export function shownGroups(result: SearchResult): ShownGroup[] {
  return result.clusters.map(shownGroup);
}

function shownGroup(group: SearchClusterGroup): ShownGroup {
  const stale = group.status === 'stale';
  const note =
    group.status === 'ready'
      ? null
      : stale
        ? `stale: ${group.cause ?? 'not answering'}`
        : (group.message ?? group.status);
  const total = group.totalCapped ? `${group.total}+` : String(group.total);
  return {
    clusterId: group.clusterId,
    clusterName: group.clusterName,
    note,
    stale,
    hits: group.hits.map(({ resource: _, match, ...ref }) => ({
      key: `${ref.clusterId}|${ref.group}|${ref.kind}|${ref.namespace}|${ref.name}`,
      ref,
      label: ref.name,
      detail: ref.namespace ? `${ref.kind} · ${ref.namespace}` : ref.kind,
      match,
    })),
    more: group.total > group.hits.length ? `${group.hits.length} of ${total}` : null,
  };
}
