/**
 * What to do with the picked rows: restart, scale, delete, cordon or uncordon them in one go.
 * The confirmation lists every object grouped by cluster (a `confirm` cluster asks its name);
 * the answer is one line per object, so one cluster's failure is told next to the others' work.
 */
import { useState } from 'react';
import { type ContractError, toContractError } from '../../core/contractError';
import { postJson } from '../../core/http';
import type { BulkRequest, BulkResult, ObjectRef } from '../../core/types.generated';
import { clusterColour } from '../../shared/clusterColours';
import { needsTypedName } from '../../shared/clusterSettings';
import { ErrorState } from '../../shared/components/States';
import { useClusterSelection } from '../kubernetes/config/ClusterSelectionProvider';
import { ConfirmDialog } from '../object-panel/ConfirmDialog';
import { clusterNameOf } from '../object-panel/clusterNameOf';
import { objectLabel, parseReplicas } from '../object-panel/confirmations';
import { TypeClusterName } from '../protection/TypeClusterName';
import { type BulkAction, fitsAll } from './bulkApi';
import { byCluster, clearPicked, usePicked } from './bulkSelection';
import './bulk.css';

const ACTIONS: readonly BulkAction[] = ['restart', 'scale', 'delete', 'cordon', 'uncordon'];

/** `restart` → "Restart", the action's button and confirmation word. */
const labelOf = (action: BulkAction) => `${action[0]?.toUpperCase()}${action.slice(1)}`;

export function BulkBar() {
  const picked = usePicked();
  const selection = useClusterSelection();
  const [confirming, setConfirming] = useState<BulkAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BulkResult | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const refs = [...picked.values()];
  if (refs.length === 0 && !result && !error) return null;
  const nameOf = (clusterId: string) =>
    selection.selected.find((c) => c.clusterId === clusterId)?.clusterName ??
    clusterNameOf(clusterId);
  const kinds = [...new Set(refs.map((r) => r.kind))];
  const clusters = byCluster(refs);

  const run = async (
    action: BulkAction,
    params: Record<string, unknown>,
    typed: Record<string, string>,
  ) => {
    setConfirming(null);
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      // The backend fans out per cluster, each under its own timeout.
      const body: BulkRequest = {
        action,
        refs,
        params,
        confirmClusterNames: typed,
        timeoutSeconds: 20,
      };
      setResult(await postJson<BulkResult>('/api/v1/actions/bulk', body));
      clearPicked();
    } catch (thrown) {
      setError(toContractError(thrown));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="bulk-bar" aria-label="Bulk actions" data-testid="bulk-bar">
      {refs.length > 0 && (
        <div className="bulk-bar__row">
          <strong>
            {refs.length} picked in {clusters.size} {clusters.size === 1 ? 'cluster' : 'clusters'}
          </strong>
          {ACTIONS.map((action) => (
            <button
              key={action}
              type="button"
              disabled={busy || !fitsAll(action, kinds)}
              title={
                fitsAll(action, kinds)
                  ? undefined
                  : `${labelOf(action)} does not fit every picked kind`
              }
              onClick={() => setConfirming(action)}
            >
              {labelOf(action)}…
            </button>
          ))}
          <button type="button" className="link-button" onClick={clearPicked} disabled={busy}>
            Clear
          </button>
          {busy && <span className="muted">Working…</span>}
        </div>
      )}
      {confirming && (
        <BulkConfirmation
          action={confirming}
          clusters={clusters}
          nameOf={nameOf}
          onConfirm={(params, typed) => void run(confirming, params, typed)}
          onCancel={() => setConfirming(null)}
        />
      )}
      {error && <ErrorState title="The bulk action could not run." error={error} />}
      {result && (
        <div className="bulk-results" data-testid="bulk-results">
          <div className="bulk-bar__row">
            <strong>
              {result.action}: {result.items.filter((i) => i.outcome === 'ok').length} of{' '}
              {result.items.length} done
            </strong>
            <button type="button" className="link-button" onClick={() => setResult(null)}>
              Dismiss
            </button>
          </div>
          <ul>
            {result.items.map((item) => (
              <li key={`${item.clusterId}|${item.ref.kind}|${item.ref.namespace}|${item.ref.name}`}>
                <span
                  className="bulk-swatch"
                  style={{ background: clusterColour(item.clusterId) }}
                />
                <span className={`bulk-outcome bulk-outcome--${item.outcome}`}>{item.outcome}</span>{' '}
                {item.clusterName} · {objectLabel(item.ref)} — {item.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function BulkConfirmation({
  action,
  clusters,
  nameOf,
  onConfirm,
  onCancel,
}: {
  action: BulkAction;
  clusters: Map<string, ObjectRef[]>;
  nameOf: (clusterId: string) => string;
  onConfirm: (params: Record<string, unknown>, typed: Record<string, string>) => void;
  onCancel: () => void;
}) {
  const [replicasText, setReplicasText] = useState('1');
  const [typed, setTyped] = useState<Record<string, string>>({});
  const replicas = parseReplicas(replicasText);
  const asking = [...clusters.keys()].filter((id) => needsTypedName(id, action));
  const namesTyped = asking.every((id) => typed[id] === nameOf(id));
  const count = [...clusters.values()].reduce((sum, refs) => sum + refs.length, 0);
  const params = action === 'scale' ? { replicas } : {};
  return (
    <ConfirmDialog
      question={`${labelOf(action)} ${count} objects in ${clusters.size} clusters?`}
      confirmLabel={`${labelOf(action)} ${count}`}
      confirmDisabled={!namesTyped || (action === 'scale' && replicas === null)}
      onConfirm={() => onConfirm(params, typed)}
      onCancel={onCancel}
      options={
        <>
          {action === 'scale' && (
            <label className="bulk-replicas">
              Replicas{' '}
              <input
                type="text"
                inputMode="numeric"
                value={replicasText}
                onChange={(event) => setReplicasText(event.target.value)}
              />
            </label>
          )}
          {asking.map((id) => (
            <TypeClusterName
              key={id}
              clusterName={nameOf(id)}
              value={typed[id] ?? ''}
              onChange={(text) => setTyped((was) => ({ ...was, [id]: text }))}
            />
          ))}
        </>
      }
    >
      <div className="bulk-confirm-list" data-testid="bulk-confirm-list">
        {[...clusters.entries()].map(([clusterId, refs]) => (
          <div key={clusterId} className="bulk-confirm-list__cluster">
            <p>
              <span className="bulk-swatch" style={{ background: clusterColour(clusterId) }} />
              <strong>{nameOf(clusterId)}</strong> ({refs.length})
            </p>
            <ul>
              {refs.map((ref) => (
                <li key={`${ref.kind}|${ref.namespace}|${ref.name}`}>{objectLabel(ref)}</li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </ConfirmDialog>
  );
}
