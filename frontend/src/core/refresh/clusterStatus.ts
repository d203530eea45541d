/**
 * The latest known state of each cluster, keyed by clusterId, for the selector's status dots and
 * the chips: fed by the health the catalog stream pushes (`event: cluster`), the diagnostics
 * (cluster-wide) and every snapshot's per-cluster parts. A `forbidden` part says something about
 * one resource, not the cluster, so it is not recorded. When a cluster's health changes (it
 * froze, or came back), the health listeners hear its clusterId: its snapshots are then out of
 * date.
 *
 * One wording per state: chips, the namespace sidebar and the diagnostics all show a cluster the
 * pushed health calls not ready with `withHealth` and `clusterStateLabel`, so they say the same
 * word and the same sentence (the health probe's, with its timeout figure).
 */
import { Listeners } from '../listeners';
import type { ClusterHealth, SnapshotClusterPart } from '../types.generated';

export interface ClusterStatusEntry {
  status: string;
  message: string | null;
  source: 'diagnostics' | 'snapshot' | 'stream';
}

/** Something with a cluster status: a snapshot part, a pushed health, a diagnostics entry. */
export interface ClusterState {
  status: string;
  cause?: string | null;
  message: string | null;
}

/** The one label of a state: `timeout`, `auth failed`, `stale (timeout)`, `ready`, … */
export function clusterStateLabel({ status, cause }: ClusterState): string {
  if (status === 'stale' && cause) return `stale (${words(cause)})`;
  if (status === 'error' && cause) return words(cause);
  return words(status);
}

function words(status: string): string {
  return status.replaceAll('_', ' ');
}

/**
 * `state` as shown: while the pushed health says the cluster is not ready, its status, cause and
 * sentence replace the state's own (a part fetched before the freeze, a diagnostics poll).
 */
export function withHealth<T extends ClusterState>(state: T, health: ClusterHealth | undefined): T {
  if (!health || health.status === 'ready') return state;
  // A pushed status is one a snapshot part or a diagnostics entry can have as well.
  return { ...state, status: health.status, cause: health.cause, message: health.message } as T;
}

/** The state to show for a cluster: its part under the pushed health, or the health alone. */
export function shownState(
  part: ClusterState | undefined,
  health: ClusterHealth | undefined,
): ClusterState | undefined {
  if (part) return withHealth(part, health);
  return health && health.status !== 'ready' ? health : undefined;
}

export interface ReportedStatus {
  clusterId: string;
  status: string;
  message: string | null;
}

export class ClusterStatusStore {
  private entries: ReadonlyMap<string, ClusterStatusEntry> = new Map();
  private readonly listeners = new Listeners();
  private readonly healthListeners = new Listeners<[string]>();
  private readonly diagnosed = new Map<string, string>();
  private health: ReadonlyMap<string, ClusterHealth> = new Map();

  reportParts(parts: readonly SnapshotClusterPart[]): void {
    this.update(
      parts.filter((part) => part.status !== 'forbidden'),
      'snapshot',
    );
  }

  reportDiagnostics(statuses: readonly ReportedStatus[]): void {
    const changed: string[] = [];
    for (const { clusterId, status } of statuses) {
      const previous = this.diagnosed.get(clusterId);
      if (previous !== undefined && previous !== status) changed.push(clusterId);
      this.diagnosed.set(clusterId, status);
    }
    this.update(statuses, 'diagnostics');
    for (const clusterId of changed) this.healthListeners.tell(clusterId);
  }

  /** The catalog stream's `event: cluster`: the cluster's health, pushed as it changes. */
  reportHealth(event: ClusterHealth): void {
    const previous = this.health.get(event.clusterId);
    if (
      previous &&
      previous.status === event.status &&
      previous.cause === event.cause &&
      previous.message === event.message
    )
      return;
    const next = new Map(this.health);
    next.set(event.clusterId, event);
    this.health = next;
    const changed = previous ? previous.status !== event.status : event.status !== 'ready';
    this.update([event], 'stream', true);
    if (changed) this.healthListeners.tell(event.clusterId);
  }

  /** Forget the pushed health of clusters no longer selected. */
  retainHealth(clusterIds: readonly string[]): void {
    const keep = new Set(clusterIds);
    if ([...this.health.keys()].every((id) => keep.has(id))) return;
    this.health = new Map([...this.health].filter(([id]) => keep.has(id)));
    this.listeners.tell();
  }

  /** Calls a listener with a clusterId whenever the pushed health or the diagnostics change. */
  readonly onHealthChange = this.healthListeners.add;

  get(clusterId: string): ClusterStatusEntry | undefined {
    return this.entries.get(clusterId);
  }

  readonly subscribe = this.listeners.add;

  getSnapshot = (): ReadonlyMap<string, ClusterStatusEntry> => this.entries;

  /** The pushed health by clusterId (stable until it changes, for useSyncExternalStore). */
  getHealth = (): ReadonlyMap<string, ClusterHealth> => this.health;

  private update(
    statuses: readonly ReportedStatus[],
    source: ClusterStatusEntry['source'],
    notify = false,
  ): void {
    let next: Map<string, ClusterStatusEntry> | null = null;
    for (const { clusterId, status, message } of statuses) {
      const current = (next ?? this.entries).get(clusterId);
      if (current && current.status === status && current.message === message) continue;
      next ??= new Map(this.entries);
      next.set(clusterId, { status, message, source });
    }
    if (next) this.entries = next;
    if (next || notify) this.listeners.tell();
  }
}
