/**
 * The latest known state of each cluster, keyed by clusterId, for the selector's status dots and
 * the chips: fed by the diagnostics (cluster-wide) and by every snapshot's per-cluster parts. A
 * `forbidden` part says something about one resource, not the cluster, so it is not recorded.
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

  reportParts(parts: readonly SnapshotClusterPart[]): void {
    this.update(
      parts.filter((part) => part.status !== 'forbidden'),
      'snapshot',
    );
  }

  reportDiagnostics(statuses: readonly ReportedStatus[]): void {
    this.update(statuses, 'diagnostics');
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
