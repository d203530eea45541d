/**
 * The action buttons of one object. Every request carries the panel's reference, so it goes to
 * the object's own cluster. A disallowed action is disabled with the reason as its title; delete
 * and drain ask for a confirmation naming the object and the cluster.
 */
import { useState } from 'react';
import { type ContractError, toContractError } from '../../core/contractError';
import type { ActionResult, ObjectRef } from '../../core/types.generated';
import { ErrorState } from '../../shared/components/States';
import { panelActionsOf } from './actionKinds';
import { ConfirmDialog } from './ConfirmDialog';
import { DrainResults } from './DrainResults';
import { type ObjectAction, runAction } from './objectApi';
import type { Permissions } from './usePermissions';

const LABELS: Record<ObjectAction, string> = {
  delete: 'Delete',
  scale: 'Scale',
  restart: 'Restart',
  cordon: 'Cordon',
  uncordon: 'Uncordon',
  drain: 'Drain',
  apply: 'Apply',
};

const CONFIRMED: ReadonlySet<ObjectAction> = new Set(['delete', 'drain']);

export function ObjectActions({
  objectRef,
  permissions,
  onDone,
}: {
  objectRef: ObjectRef;
  permissions: Permissions;
  onDone: (result: ActionResult) => void;
}) {
  const [confirming, setConfirming] = useState<ObjectAction | null>(null);
  const [replicas, setReplicas] = useState('1');
  const [busy, setBusy] = useState<ObjectAction | null>(null);
  const [result, setResult] = useState<ActionResult | null>(null);
  const [error, setError] = useState<{ action: ObjectAction; error: ContractError } | null>(null);

  const actions = panelActionsOf(objectRef).filter(
    (action) => permissions.allowanceOf(action).applicable,
  );

  const run = async (action: ObjectAction) => {
    setConfirming(null);
    setBusy(action);
    setError(null);
    setResult(null);
    try {
      const params = action === 'scale' ? { replicas: Number(replicas) } : {};
      const answer = await runAction(action, objectRef, params);
      setResult(answer);
      onDone(answer);
    } catch (thrown) {
      setError({ action, error: toContractError(thrown) });
    } finally {
      setBusy(null);
    }
  };

  const replicasValid = /^\d+$/.test(replicas);
  return (
    <section className="object-actions" aria-label="Actions">
      <div className="object-actions__buttons">
        {actions.map((action) => {
          const allowance = permissions.allowanceOf(action);
          const invalid = action === 'scale' && !replicasValid;
          return (
            <span key={action} className="object-actions__action">
              {action === 'scale' && (
                <input
                  type="number"
                  min={0}
                  aria-label="Replicas"
                  className="object-actions__replicas"
                  value={replicas}
                  onChange={(event) => setReplicas(event.target.value)}
                />
              )}
              <button
                type="button"
                disabled={!allowance.allowed || busy !== null || invalid}
                title={allowance.reason}
                onClick={() => (CONFIRMED.has(action) ? setConfirming(action) : void run(action))}
              >
                {busy === action ? `${LABELS[action]}…` : LABELS[action]}
              </button>
            </span>
          );
        })}
      </div>
      {permissions.error && (
        <p className="muted">Permissions could not be checked: {permissions.error.message}</p>
      )}
      {confirming && (
        <ConfirmDialog
          verb={LABELS[confirming]}
          objectRef={objectRef}
          onConfirm={() => void run(confirming)}
          onCancel={() => setConfirming(null)}
        />
      )}
      {error && <ErrorState title={`${LABELS[error.action]} was refused.`} error={error.error} />}
      {result && (
        <div className="object-actions__result">
          <p role="status">{result.message}</p>
          {result.action === 'drain' && <DrainResults pods={result.pods} />}
        </div>
      )}
    </section>
  );
}
