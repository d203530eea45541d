/**
 * The latest known state of each cluster, keyed by clusterId, for the selector's status dots and
 * the chips: fed by the diagnostics (cluster-wide) and by every snapshot's per-cluster parts. A
 * `forbidden` part says something about one resource, not the cluster, so it is not recorded.
 * When the diagnostics report a cluster's health changed (a cluster froze, or came back), the
 * health listeners hear its clusterId: snapshots of that cluster are then out of date.
 */
import type { SnapshotClusterPart } from '../types.generated';

export interface ClusterStatusEntry {
  status: string;
  message: string | null;
  source: 'diagnostics' | 'snapshot';
}

export interface ReportedStatus {
  clusterId: string;
  status: string;
  message: string | null;
}

export class ClusterStatusStore {
  private entries: ReadonlyMap<string, ClusterStatusEntry> = new Map();
  private readonly listeners = new Set<() => void>();
  private readonly healthListeners = new Set<(clusterId: string) => void>();
  private readonly diagnosed = new Map<string, string>();

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
    for (const clusterId of changed)
      for (const listener of this.healthListeners) listener(clusterId);
  }

  /** Calls `listener` with a clusterId whenever the diagnostics say its health changed. */
  onHealthChange(listener: (clusterId: string) => void): () => void {
    this.healthListeners.add(listener);
    return () => this.healthListeners.delete(listener);
  }

  get(clusterId: string): ClusterStatusEntry | undefined {
    return this.entries.get(clusterId);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ReadonlyMap<string, ClusterStatusEntry> => this.entries;

  private update(statuses: readonly ReportedStatus[], source: ClusterStatusEntry['source']): void {
    let next: Map<string, ClusterStatusEntry> | null = null;
    for (const { clusterId, status, message } of statuses) {
      const current = (next ?? this.entries).get(clusterId);
      if (current && current.status === status && current.message === message) continue;
      next ??= new Map(this.entries);
      next.set(clusterId, { status, message, source });
    }
    if (!next) return;
    this.entries = next;
    for (const listener of this.listeners) listener();
  }
}
