/**
 * Per-cluster diagnostics (CONTRACT §8): status, last sync, API latency, permission issues,
 * watches, the connection probe and the kubeconfig's auth details (server, user, namespace,
 * file) of each selected cluster; the server's own figures and notices below.
 */
import { Fragment, type ReactNode } from 'react';
import { clusterStateLabel, withHealth } from '../../core/refresh/clusterStatus';
import { useClusterHealth } from '../../core/refresh/hooks';
import type {
  ClusterDiagnosticsEntry,
  ServerDiagnostics,
  WatchInfo,
} from '../../core/types.generated';
import { EmptyState, ErrorState, LoadingState } from '../../shared/components/States';
import { StatusDot } from '../../shared/components/StatusDot';
import { formatBytes } from '../../shared/components/tables/columns';
import { useClusterSelection } from '../kubernetes/config/ClusterSelectionProvider';
import { useDiagnostics } from './DiagnosticsProvider';

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
      {report && <ServerFigures server={report.server} />}
    </aside>
  );
}

function ClusterDiagnostics({ cluster }: { cluster: ClusterDiagnosticsEntry }) {
  const selection = useClusterSelection();
  const health = useClusterHealth();
  const context = selection.listing?.contexts.find((item) => item.clusterId === cluster.clusterId);
  const connection = cluster.connection;
  const shown = withHealth(cluster, health.get(cluster.clusterId));
  return (
    <section
      className="diagnostics__cluster"
      aria-label={`Diagnostics of ${cluster.clusterName}`}
      data-cluster-id={cluster.clusterId}
      data-status={shown.status}
    >
      <h3>
        <StatusDot status={shown.status} message={shown.message} />
        {cluster.clusterName}{' '}
        <span className="muted" data-testid="diagnostics-status">
          {clusterStateLabel(shown)}
        </span>
      </h3>
      {shown.message && <p className="diagnostics__message">{shown.message}</p>}
      <Facts
        facts={[
          ['Cluster id', cluster.clusterId],
          ['Last sync', cluster.lastSyncAt ?? '—'],
          ['API latency', latency(cluster.apiLatencyMs, cluster.apiLatencyAt)],
          ['Kubernetes', connection?.version ?? '—'],
          [
            'Last probe',
            connection
              ? `${connection.status}${connection.checkedAt ? ` at ${connection.checkedAt}` : ''}`
              : '—',
          ],
          ['Server', connection?.server ?? context?.server ?? '—'],
          ['User', context?.user ?? '—'],
          ['Namespace', context?.namespace ?? 'default'],
          ['Kubeconfig', context?.path ?? '—'],
          ['Namespaces from', cluster.namespaceSource ?? '—'],
          ['Cached rows', `${cluster.cachedRows} (${formatBytes(cluster.estimatedBytes)})`],
        ]}
      />
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
    </section>
  );
}

function WatchTable({ watches }: { watches: readonly WatchInfo[] }) {
  if (watches.length === 0) return <p className="muted">No watches.</p>;
  return (
    <table className="diagnostics__watches">
      <thead>
        <tr>
          {['Kind', 'State', 'Items', 'Scopes', 'Last sync', 'Errors'].map((heading) => (
            <th key={heading}>{heading}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {watches.map((watch) => (
          <tr key={`${watch.group}/${watch.resource}`} title={watch.message || undefined}>
            <td>{watch.group ? `${watch.kind}.${watch.group}` : watch.kind}</td>
            <td>{watch.state}</td>
            <td>{watch.items}</td>
            <td>{watch.scopes.join(', ')}</td>
            <td>{watch.lastSyncAt ?? '—'}</td>
            <td>{watch.errors}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ServerFigures({ server }: { server: ServerDiagnostics }) {
  return (
    <details className="diagnostics__server">
      <summary>Server</summary>
      <Facts
        facts={[
          ['Open streams', server.openStreams],
          ['Cached rows', `${server.cachedRows} (${formatBytes(server.estimatedBytes)})`],
          ['Sorted runs', server.sortedRuns],
          ['Open terminals', server.openTerminals],
          ['Log follows', server.openLogFollows],
        ]}
      />
      {server.notices.length > 0 && (
        <ul className="diagnostics__issues">
          {server.notices.map((notice) => (
            <li key={`${notice.at} ${notice.code}`}>
              <code>{notice.code}</code> {notice.message}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

/** `12 ms, 3 s ago`: the last answered probe's latency with its age, never a bare old figure. */
export function latency(ms: number | null, at: string | null, now = Date.now()): string {
  if (ms === null) return '—';
  const figure = `${Math.round(ms)} ms`;
  if (!at) return figure;
  const seconds = Math.max(0, Math.round((now - Date.parse(at)) / 1000));
  return `${figure}, ${age(seconds)} ago`;
}

function age(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

function Facts({ facts }: { facts: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {facts.map(([term, value]) => (
        <Fragment key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
