/**
 * Per-cluster diagnostics: status, last sync, API latency, permission issues, watches, and the
 * kubeconfig's auth details (server, user, namespace, file) of each selected cluster.
 */
import { EmptyState, ErrorState, LoadingState } from '../../shared/components/States';
import { StatusDot } from '../../shared/components/StatusDot';
import { displayText } from '../../shared/components/tables/rowFields';
import { useClusterSelection } from '../kubernetes/config/ClusterSelectionProvider';
import { useDiagnostics } from './DiagnosticsProvider';
import type { ClusterDiagnosticsView } from './diagnosticsReport';

export function DiagnosticsPanel({ onClose }: { onClose: () => void }) {
  const { report, error, loading, reload } = useDiagnostics();
  return (
    <aside className="diagnostics" aria-label="Diagnostics" data-testid="diagnostics-panel">
      <header className="diagnostics__header">
        <h2>Diagnostics</h2>
        <button type="button" className="link-button" onClick={reload}>
          Refresh
        </button>
        <button
          type="button"
          className="link-button"
          onClick={onClose}
          aria-label="Close diagnostics"
        >
          ×
        </button>
      </header>
      {loading && !report && <LoadingState>Loading diagnostics…</LoadingState>}
      {error && (
        <ErrorState title="Diagnostics could not be loaded." error={error} onRetry={reload} />
      )}
      {report && report.clusters.length === 0 && <EmptyState>No cluster is selected.</EmptyState>}
      {report?.clusters.map((cluster) => (
        <ClusterDiagnostics key={cluster.clusterId} cluster={cluster} />
      ))}
      {report && Object.keys(report.server).length > 0 && (
        <details className="diagnostics__server">
          <summary>Server</summary>
          <Facts record={report.server} />
        </details>
      )}
    </aside>
  );
}

function ClusterDiagnostics({ cluster }: { cluster: ClusterDiagnosticsView }) {
  const selection = useClusterSelection();
  const context = selection.listing?.contexts.find((item) => item.clusterId === cluster.clusterId);
  return (
    <section
      className="diagnostics__cluster"
      aria-label={`Diagnostics of ${cluster.clusterName}`}
      data-cluster-id={cluster.clusterId}
    >
      <h3>
        <StatusDot status={cluster.status} message={cluster.message} />
        {cluster.clusterName} <span className="muted">{cluster.status}</span>
      </h3>
      {cluster.message && <p className="diagnostics__message">{cluster.message}</p>}
      <dl className="facts">
        <dt>Cluster id</dt>
        <dd>{cluster.clusterId}</dd>
        <dt>Last sync</dt>
        <dd>{cluster.lastSyncAt ?? '—'}</dd>
        <dt>API latency</dt>
        <dd>{cluster.apiLatencyMs === null ? '—' : `${Math.round(cluster.apiLatencyMs)} ms`}</dd>
        {context && (
          <>
            <dt>Server</dt>
            <dd>{context.server ?? '—'}</dd>
            <dt>User</dt>
            <dd>{context.user ?? '—'}</dd>
            <dt>Namespace</dt>
            <dd>{context.namespace ?? 'default'}</dd>
            <dt>Kubeconfig</dt>
            <dd>{context.path}</dd>
          </>
        )}
      </dl>
      <h4>Permission issues</h4>
      {cluster.permissionIssues.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="diagnostics__issues">
          {cluster.permissionIssues.map((issue) => (
            <li key={`${issue.verb} ${issue.group}/${issue.resource} ${issue.namespace}`}>
              <code>
                {issue.verb} {issue.group ? `${issue.group}/` : ''}
                {issue.resource}
              </code>
              {issue.namespace ? ` in ${issue.namespace}` : ' (cluster-wide)'}
              {issue.message && <span className="muted"> — {issue.message}</span>}
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>Watches ({cluster.watches.length})</summary>
        <WatchTable watches={cluster.watches} />
      </details>
      {Object.keys(cluster.extra).length > 0 && (
        <details>
          <summary>More</summary>
          <Facts record={cluster.extra} />
        </details>
      )}
    </section>
  );
}

const WATCH_FIELDS = [
  'kind',
  'group',
  'version',
  'namespace',
  'state',
  'items',
  'message',
  'lastSyncAt',
];

function WatchTable({ watches }: { watches: readonly Record<string, unknown>[] }) {
  if (watches.length === 0) return <p className="muted">No watches.</p>;
  const fields = WATCH_FIELDS.filter((field) => watches.some((watch) => field in watch));
  return (
    <table className="diagnostics__watches">
      <thead>
        <tr>
          {fields.map((field) => (
            <th key={field}>{field}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {watches.map((watch, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the server's order; entries have no id
          <tr key={index}>
            {fields.map((field) => (
              <td key={field}>{displayText(watch[field])}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Facts({ record }: { record: Record<string, unknown> }) {
  return (
    <dl className="facts">
      {Object.entries(record).map(([key, value]) => (
        <div key={key} className="facts__row">
          <dt>{key}</dt>
          <dd>
            {typeof value === 'object' && value !== null
              ? JSON.stringify(value)
              : displayText(value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
