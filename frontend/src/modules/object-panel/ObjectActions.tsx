/**
 * The action buttons of one object. Every request carries the panel's reference, so it goes to
 * the object's own cluster. The buttons are the actions `can-i` says fit the kind; one is disabled
 * with its reason as title when the user may not, when the cluster is unhealthy, or when the node
 * is already in the state it would set. Everything but cordon/uncordon asks first, naming the
 * object and the cluster.
 */
import { type ReactNode, useState } from 'react';
import { type ContractError, toContractError } from '../../core/contractError';
import type { ActionResult, ObjectDetailsItem, ObjectRef } from '../../core/types.generated';
import { ErrorState } from '../../shared/components/States';
import { gateActions, type PanelAction } from './actionGate';
import { ConfirmDialog } from './ConfirmDialog';
import { clusterNameOf } from './clusterNameOf';
import {
  DRAIN_DEFAULTS,
  type DrainOptions,
  drainParams,
  failureTitle,
  objectLabel,
  parseReplicas,
  questionOf,
  replicaChange,
  scaleConsequence,
  UNCONFIRMED,
  VERBS,
} from './confirmations';
import { DrainOptionsFields } from './DrainOptionsFields';
import { DrainResults } from './DrainResults';
import { runAction } from './objectApi';
import type { Permissions } from './usePermissions';

/** The action being confirmed; a scale remembers the count asked for when its button was pressed. */
type Confirming = { action: PanelAction; replicas: number | null };

export function ObjectActions({
  objectRef,
  details,
  blocked,
  permissions,
  onDone,
}: {
  objectRef: ObjectRef;
  /** The object-details item (current replicas, node state), or null until loaded. */
  details: ObjectDetailsItem | null;
  /** Why the cluster takes no actions now, or null. */
  blocked: string | null;
  permissions: Permissions;
  onDone: (result: ActionResult) => void;
}) {
  const clusterName = clusterNameOf(objectRef.clusterId);
  const current = details?.summary.replicas ?? null;
  const unschedulable = details?.summary.unschedulable ?? undefined;
  // An edit of the replicas box holds only while the object still has the count it started from.
  const [draft, setDraft] = useState<{ base: number | null; text: string } | null>(null);
  const replicasText =
    draft && draft.base === current ? draft.text : current === null ? '' : String(current);
  const wanted = parseReplicas(replicasText);
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [drainOptions, setDrainOptions] = useState<DrainOptions>(DRAIN_DEFAULTS);
  const [busy, setBusy] = useState<PanelAction | null>(null);
  const [result, setResult] = useState<ActionResult | null>(null);
  const [error, setError] = useState<{ action: PanelAction; error: ContractError } | null>(null);

  const gates = permissions.answers
    ? gateActions({ permissions: permissions.answers, blocked, unschedulable })
    : [];

  const run = async (action: PanelAction, params: Record<string, unknown>) => {
    setConfirming(null);
    setBusy(action);
    setError(null);
    setResult(null);
    try {
      const answer = await runAction(action, objectRef, params);
      setResult(answer);
      onDone(answer);
    } catch (thrown) {
      setError({ action, error: toContractError(thrown) });
    } finally {
      setBusy(null);
    }
  };

  const start = (action: PanelAction) => {
    if (UNCONFIRMED.has(action)) {
      void run(action, {});
      return;
    }
    if (action === 'drain') setDrainOptions(DRAIN_DEFAULTS);
    setConfirming({ action, replicas: wanted });
  };

  const scaleReason = (): string | undefined => {
    if (wanted === null) return 'Enter the number of replicas.';
    if (wanted === current) return `${objectLabel(objectRef)} already has ${current} replicas.`;
    return undefined;
  };

  return (
    <section className="object-actions" aria-label="Actions">
      {blocked && (
        <p className="object-actions__blocked" data-testid="actions-blocked">
          {blocked}
        </p>
      )}
      {!permissions.answers && !permissions.error && (
        <p className="muted">Checking what can be done…</p>
      )}
      <div className="object-actions__buttons">
        {gates.map(({ action, enabled, reason }) => {
          const scaleProblem = action === 'scale' && enabled ? scaleReason() : undefined;
          return (
            <span key={action} className="object-actions__action">
              {action === 'scale' && (
                <input
                  type="number"
                  min={0}
                  aria-label="Replicas"
                  className="object-actions__replicas"
                  value={replicasText}
                  onChange={(event) => setDraft({ base: current, text: event.target.value })}
                />
              )}
              <button
                type="button"
                disabled={!enabled || busy !== null || scaleProblem !== undefined}
                title={reason ?? scaleProblem}
                onClick={() => start(action)}
              >
                {busy === action ? `${VERBS[action]}…` : VERBS[action]}
              </button>
            </span>
          );
        })}
      </div>
      {permissions.error && (
        <p className="muted">
          What can be done could not be checked: {permissions.error.message}{' '}
          <button type="button" className="link-button" onClick={permissions.retry}>
            Check again
          </button>
        </p>
      )}
      {confirming && (
        <Confirmation
          confirming={confirming}
          objectRef={objectRef}
          clusterName={clusterName}
          current={current}
          drainOptions={drainOptions}
          onDrainOptions={setDrainOptions}
          onConfirm={(params) => void run(confirming.action, params)}
          onCancel={() => setConfirming(null)}
        />
      )}
      {error && (
        <ErrorState
          title={failureTitle(error.action, error.error.code, clusterName)}
          error={error.error}
        />
      )}
      {result && (
        <div className="object-actions__result">
          <p role="status">{result.message}</p>
          {result.action === 'drain' && <DrainResults pods={result.pods} />}
        </div>
      )}
    </section>
  );
}

function Confirmation({
  confirming,
  objectRef,
  clusterName,
  current,
  drainOptions,
  onDrainOptions,
  onConfirm,
  onCancel,
}: {
  confirming: Confirming;
  objectRef: ObjectRef;
  clusterName: string;
  current: number | null;
  drainOptions: DrainOptions;
  onDrainOptions: (options: DrainOptions) => void;
  onConfirm: (params: Record<string, unknown>) => void;
  onCancel: () => void;
}) {
  const { action, replicas } = confirming;
  const drain = action === 'drain' ? drainParams(drainOptions) : null;
  let body: ReactNode = <p className="muted">{objectRef.clusterId}</p>;
  let params: Record<string, unknown> | null = {};
  if (action === 'scale') {
    params = replicas === null ? null : { replicas };
    body = (
      <>
        <p className="object-confirm__change" data-testid="replica-change">
          Replicas: <strong>{replicaChange(current, replicas ?? 0)}</strong>
        </p>
        <p className={replicas === 0 ? 'object-confirm__warning' : undefined}>
          {scaleConsequence(objectRef, clusterName, current, replicas ?? 0)}
        </p>
      </>
    );
  } else if (action === 'restart') {
    body = <p>Every pod is replaced by a rollout, under the object's own rollout rules.</p>;
  } else if (action === 'drain') {
    params = drain && 'params' in drain ? drain.params : null;
    body = <p>The node is cordoned, then its pods are evicted, honouring disruption budgets.</p>;
  }
  return (
    <ConfirmDialog
      question={questionOf(action, objectRef, clusterName)}
      confirmLabel={`${VERBS[action]} on ${clusterName}`}
      confirmDisabled={params === null}
      onConfirm={(confirmation) => params && onConfirm({ ...params, ...confirmation })}
      onCancel={onCancel}
      guarded={{ action, clusterId: objectRef.clusterId }}
      options={
        action === 'drain' && (
          <DrainOptionsFields
            options={drainOptions}
            onChange={onDrainOptions}
            invalid={drain && 'invalid' in drain ? drain.invalid : null}
          />
        )
      }
    >
      {body}
    </ConfirmDialog>
  );
}
