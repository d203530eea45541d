/** Kubernetes events of the live stream as table rows: filtered on the client, newest first. */
import type { KubeEvent, SnapshotClusterPart, SourceStatus } from '../../core/types.generated';
import type { SelectedCluster } from '../kubernetes/config/ClusterSelectionProvider';

export function isKubeEvent(value: unknown): value is KubeEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Partial<Record<keyof KubeEvent, unknown>>;
  return (
    typeof event.clusterId === 'string' &&
    typeof event.timestamp === 'string' &&
    typeof event.involvedObject === 'object' &&
    event.involvedObject !== null
  );
}

export interface EventFilter {
  q: string;
  namespaces: readonly string[];
  /** Kinds of the involved object. */
  kinds: readonly string[];
}

/** Events that pass the filter, newest first (the stream delivers them oldest first). */
export function filterEvents(events: readonly KubeEvent[], filter: EventFilter): KubeEvent[] {
  const needle = filter.q.trim().toLowerCase();
  const rows: KubeEvent[] = [];
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const event = events[index];
    if (!event) continue;
    if (filter.namespaces.length > 0 && !filter.namespaces.includes(event.namespace)) continue;
    if (filter.kinds.length > 0 && !filter.kinds.includes(event.involvedObject.kind)) continue;
    if (needle && !eventText(event).includes(needle)) continue;
    rows.push(event);
  }
  return rows;
}

function eventText(event: KubeEvent): string {
  const object = event.involvedObject;
  return [
    event.clusterName,
    event.namespace,
    event.type,
    event.reason,
    event.message,
    object.kind,
    object.name,
  ]
    .join(' ')
    .toLowerCase();
}

const STATUS_OF_SOURCE: Record<SourceStatus['status'], SnapshotClusterPart['status']> = {
  started: 'ready',
  ended: 'stale',
  reconnecting: 'loading',
  forbidden: 'forbidden',
  not_found: 'error',
  unreachable: 'unreachable',
  error: 'error',
  rate_limited: 'stale',
};

/**
 * One part per followed cluster for the chip row: ready once the stream is open, unless a
 * `status` event of that cluster said otherwise (its latest one counts).
 */
export function streamParts(
  clusters: readonly SelectedCluster[],
  statuses: ReadonlyMap<string, SourceStatus>,
  streamOpen: boolean,
  events: readonly KubeEvent[],
): SnapshotClusterPart[] {
  return clusters.map((cluster) => {
    let latest: SourceStatus | undefined;
    for (const status of statuses.values())
      if (status.clusterId === cluster.clusterId) latest = status;
    return {
      clusterId: cluster.clusterId,
      clusterName: cluster.clusterName,
      status: latest ? STATUS_OF_SOURCE[latest.status] : streamOpen ? 'ready' : 'loading',
      message: latest?.message ?? null,
      itemCount: events.filter((event) => event.clusterId === cluster.clusterId).length,
      durationMs: 0,
      cause: null,
      version: '',
      metrics: null,
    };
  });
}
