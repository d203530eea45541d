/**
 * The line above every aggregated table, from the snapshot's per-cluster parts:
 * "2 of 2 clusters", "3 of 4 clusters — prod-eu unreachable",
 * "1 of 2 clusters — beta stale (timeout)".
 */
import { clusterStateLabel } from '../../../core/refresh/clusterStatus';
import type { SnapshotClusterPart } from '../../../core/types.generated';

export function summarizeClusterParts(parts: readonly SnapshotClusterPart[]): string {
  if (parts.length === 0) return 'No clusters';
  const ready = parts.filter((part) => part.status === 'ready').length;
  const noun = parts.length === 1 ? 'cluster' : 'clusters';
  const head = `${ready} of ${parts.length} ${noun}`;
  const problems = parts
    .filter((part) => part.status !== 'ready')
    .map((part) => `${part.clusterName} ${clusterStateLabel(part)}`);
  return problems.length > 0 ? `${head} — ${problems.join(', ')}` : head;
}
