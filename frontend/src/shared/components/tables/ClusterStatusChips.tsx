/**
 * A status chip per cluster above an aggregated table, after a one-line summary. A cluster whose
 * pushed health says it is not ready shows that state at once, in the words the sidebar and the
 * diagnostics use, whatever the part fetched before said.
 */
import { useMemo } from 'react';
import { clusterStateLabel, withHealth } from '../../../core/refresh/clusterStatus';
import { useClusterHealth } from '../../../core/refresh/hooks';
import type { SnapshotClusterPart } from '../../../core/types.generated';
import { statusTone } from '../StatusDot';
import { summarizeClusterParts } from './clusterSummary';

export function ClusterStatusChips({ parts }: { parts: readonly SnapshotClusterPart[] }) {
  const health = useClusterHealth();
  const shown = useMemo(
    () => parts.map((part) => withHealth(part, health.get(part.clusterId))),
    [parts, health],
  );
  if (shown.length === 0) return null;
  return (
    <div className="cluster-chips" data-testid="cluster-chips">
      <span className="cluster-chips__summary" data-testid="cluster-summary">
        {summarizeClusterParts(shown)}
      </span>
      <ul className="cluster-chips__list" aria-label="Cluster status">
        {shown.map((part) => (
          <li
            key={part.clusterId}
            className="cluster-chip"
            data-tone={statusTone(part.status)}
            data-status={part.status}
            data-cluster-id={part.clusterId}
            title={part.message ?? `${part.clusterName}: ${clusterStateLabel(part)}`}
          >
            <span className="cluster-chip__name">{part.clusterName}</span>
            <span className="cluster-chip__status">{clusterStateLabel(part)}</span>
            {part.status !== 'loading' && (
              <span className="cluster-chip__count">{part.itemCount}</span>
            )}
            {part.message && <span className="cluster-chip__message">{part.message}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
