/** A status chip per cluster above an aggregated table, after a one-line summary. */
import type { SnapshotClusterPart } from '../../../core/types.generated';
import { statusTone } from '../StatusDot';
import { partLabel, summarizeClusterParts } from './clusterSummary';

export function ClusterStatusChips({ parts }: { parts: readonly SnapshotClusterPart[] }) {
  if (parts.length === 0) return null;
  return (
    <div className="cluster-chips" data-testid="cluster-chips">
      <span className="cluster-chips__summary" data-testid="cluster-summary">
        {summarizeClusterParts(parts)}
      </span>
      <ul className="cluster-chips__list" aria-label="Cluster status">
        {parts.map((part) => (
          <li
            key={part.clusterId}
            className="cluster-chip"
            data-tone={statusTone(part.status)}
            data-status={part.status}
            data-cluster-id={part.clusterId}
            title={part.message ?? `${part.clusterName}: ${partLabel(part)}`}
          >
            <span className="cluster-chip__name">{part.clusterName}</span>
            <span className="cluster-chip__status">{partLabel(part)}</span>
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
