/**
 * Drift: per kind, the objects present in two or more selected clusters, one row per
 * (namespace, name) and a column per cluster, showing the facts that differ and where the object
 * is missing; most different first, or by name. Computed by the backend (`GET /api/v1/drift`),
 * each cluster with its own status.
 */
import { useCallback, useState } from 'react';
import { requestJson } from '../../core/http';
import type { DriftReport, DriftRow } from '../../core/types.generated';
import { clusterColour } from '../../shared/clusterColours';
import { EmptyState, ErrorState, LoadingState } from '../../shared/components/States';
import { useLoad } from '../../shared/hooks/useLoad';
import { useClusterSelection } from '../kubernetes/config/ClusterSelectionProvider';
import './drift.css';

const KINDS: readonly DriftReport['kind'][] = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ConfigMap',
  'Secret',
];

type Order = 'most-different' | 'name';

export function DriftView() {
  const selection = useClusterSelection();
  const [kind, setKind] = useState<DriftReport['kind']>('Deployment');
  const [namespace, setNamespace] = useState('');
  const [order, setOrder] = useState<Order>('most-different');
  const [generation, setGeneration] = useState(0);
  const selectedKey = selection.selectedIds.join(',');

  // biome-ignore lint/correctness/useExhaustiveDependencies: the selection and Refresh (`generation`) ask for a new report
  const load = useCallback(() => {
    const params = new URLSearchParams({ kind });
    if (namespace.trim()) params.set('namespace', namespace.trim());
    return requestJson<DriftReport>(`/api/v1/drift?${params}`);
  }, [kind, namespace, selectedKey, generation]);
  // The last report stays while the next one is computed.
  const state = useLoad(load, true);
  const report = state.status === 'loaded' ? state.value : null;
  const reload = () => setGeneration((value) => value + 1);

  const rows = report ? sorted(report.rows, order) : [];
  const clusters = report?.clusters ?? [];
  return (
    <section className="view drift" aria-label="Drift" data-view="drift">
      <header className="view__header">
        <h2>Drift</h2>
        {report && (
          <span className="view__count" data-testid="row-count">
            {report.rows.length} {report.rows.length === 1 ? 'row' : 'rows'}
          </span>
        )}
        <button type="button" className="link-button" onClick={reload}>
          Refresh
        </button>
      </header>
      <div className="drift__filters">
        <label>
          Kind{' '}
          <select
            value={kind}
            onChange={(e) => setKind(e.target.value as DriftReport['kind'])}
            aria-label="Kind"
          >
            {KINDS.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <label>
          Namespace{' '}
          <input
            type="text"
            value={namespace}
            placeholder="all"
            aria-label="Namespace"
            onChange={(e) => setNamespace(e.target.value)}
          />
        </label>
        <label>
          Sort{' '}
          <select
            value={order}
            onChange={(e) => setOrder(e.target.value as Order)}
            aria-label="Sort"
          >
            <option value="most-different">Most different</option>
            <option value="name">Name</option>
          </select>
        </label>
      </div>
      <ul className="drift__clusters">
        {clusters.map((c) => (
          <li key={c.clusterId} className={`drift__cluster drift__cluster--${c.status}`}>
            <span className="drift__swatch" style={{ background: clusterColour(c.clusterId) }} />
            {c.clusterName}: {c.status}
            {c.message ? ` — ${c.message}` : ''}
          </li>
        ))}
      </ul>
      {report?.truncated && (
        <p className="banner">Only the first {report.rows.length} namesakes were read.</p>
      )}
      <div className="view__body drift__body">
        {selection.selectedIds.length < 2 ? (
          <EmptyState>
            Select two or more clusters to see where their objects drift apart.
          </EmptyState>
        ) : state.status === 'failed' ? (
          <ErrorState title="Drift could not be computed." error={state.error} onRetry={reload} />
        ) : !report ? (
          <LoadingState>Comparing {kind} objects…</LoadingState>
        ) : rows.length === 0 ? (
          <EmptyState>No {kind} is in two or more of the selected clusters.</EmptyState>
        ) : (
          <table className="drift__table" data-testid="drift-table">
            <thead>
              <tr>
                <th>Object</th>
                <th>Differs in</th>
                {clusters.map((c) => (
                  <th key={c.clusterId}>
                    <span
                      className="drift__swatch"
                      style={{ background: clusterColour(c.clusterId) }}
                    />
                    {c.clusterName}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr
                  key={`${row.namespace}/${row.name}`}
                  data-testid="drift-row"
                  data-score={row.score}
                >
                  <td className="drift__name">
                    {row.namespace ? `${row.namespace}/` : ''}
                    {row.name}
                  </td>
                  <td>
                    {row.differing.length === 0 && row.missing.length === 0
                      ? 'same'
                      : [...row.differing, ...(row.missing.length ? ['missing'] : [])].join(', ')}
                  </td>
                  {row.cells.map((cell) => (
                    <td
                      key={cell.clusterId}
                      className={
                        !cell.present
                          ? 'drift__cell drift__cell--missing'
                          : row.differing.length
                            ? 'drift__cell drift__cell--differs'
                            : 'drift__cell'
                      }
                    >
                      {!cell.present
                        ? 'missing'
                        : !cell.read
                          ? 'not read'
                          : row.differing.length === 0
                            ? '='
                            : row.differing.map((fact) => (
                                <div key={fact}>
                                  <span className="muted">{fact}:</span> {cell.facts[fact] ?? '—'}
                                </div>
                              ))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

function sorted(rows: readonly DriftRow[], order: Order): DriftRow[] {
  const byName = (a: DriftRow, b: DriftRow) =>
    a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);
  return [...rows].sort(order === 'name' ? byName : (a, b) => b.score - a.score || byName(a, b));
}
