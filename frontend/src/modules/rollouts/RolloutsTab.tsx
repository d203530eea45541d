/**
 * The Rollouts tab of a workload or CronJob. A Deployment, StatefulSet or DaemonSet lists its
 * revisions (age, images, change cause) and shows what changed in the pod template between the
 * chosen revision and the current one, with "Roll back to revision N"; a Deployment can pause and
 * resume its rollout; a CronJob can be triggered now, suspended and resumed. Every request carries
 * the panel's reference, so it goes to that object's cluster only, and each asks first, naming the
 * cluster (and the revision).
 */
import { useCallback, useState } from 'react';
import { type ContractError, toContractError } from '../../core/contractError';
import type { ActionPermission, ActionResult, ObjectRef } from '../../core/types.generated';
import { ErrorState } from '../../shared/components/States';
import { age } from '../../shared/components/tables/rowFields';
import { useLoad } from '../../shared/hooks/useLoad';
import { ConfirmDialog } from '../object-panel/ConfirmDialog';
import { runAction } from '../object-panel/objectApi';
import { allowanceOf } from '../object-panel/usePermissions';
import {
  defaultCompared,
  type RolloutAction,
  rolloutQuestion,
  rolloutVerb,
  templateDiff,
} from './rolloutPlan';
import { fetchHistory } from './rolloutsApi';
import './rollouts.css';

export function RolloutsTab({
  objectRef,
  clusterName,
  permissions,
  blocked,
  reloads,
  version,
  onDone,
}: {
  objectRef: ObjectRef;
  clusterName: string;
  permissions: readonly ActionPermission[] | null;
  blocked: string | null;
  reloads: number;
  /** The workload's resourceVersion: the history is read again whenever the workload changes
   * (a rollback's new revision number lands after the action answered). */
  version: string | undefined;
  onDone: (result: ActionResult) => void;
}) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: `reloads` and `version` ask again
  const load = useCallback(() => fetchHistory(objectRef), [objectRef, reloads, version]);
  const state = useLoad(load, true);
  const [picked, setPicked] = useState<number | null>(null);
  const [confirming, setConfirming] = useState<RolloutAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ActionResult | null>(null);
  const [error, setError] = useState<{ action: RolloutAction; error: ContractError } | null>(null);

  if (state.status === 'loading') return <p className="muted">Loading the rollout history…</p>;
  if (state.status === 'failed') {
    return <ErrorState title="The rollout history could not be loaded." error={state.error} />;
  }
  const history = state.value;
  const cronJob = objectRef.kind === 'CronJob';
  const revisions = history.revisions;
  const compared =
    picked !== null && revisions.some((r) => r.revision === picked)
      ? picked
      : defaultCompared(revisions);
  const chosen = revisions.find((r) => r.revision === compared) ?? null;
  const current = revisions.find((r) => r.current) ?? null;
  const causes = revisions.some((r) => r.changeCause);

  const run = async (action: RolloutAction, confirmation: Record<string, unknown>) => {
    setConfirming(null);
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const params = { ...(action === 'rollback' ? { revision: compared } : {}), ...confirmation };
      const answer = await runAction(action, objectRef, params);
      setResult(answer);
      setPicked(null);
      onDone(answer);
    } catch (thrown) {
      setError({ action, error: toContractError(thrown) });
    } finally {
      setBusy(false);
    }
  };

  const button = (action: RolloutAction) => {
    const why = allowanceOf(permissions, action, blocked).reason;
    return (
      <button
        type="button"
        disabled={busy || why !== undefined}
        title={why}
        onClick={() => setConfirming(action)}
      >
        {action === 'rollback' && compared !== null
          ? `Roll back to revision ${compared}`
          : rolloutVerb(action, objectRef.kind)}
      </button>
    );
  };

  const now = Date.now();
  const asked = confirming && rolloutQuestion(confirming, objectRef, clusterName, compared);
  return (
    <section className="rollouts" aria-label="Rollouts">
      <div className="rollouts__controls">
        {cronJob && button('trigger')}
        {(cronJob || objectRef.kind === 'Deployment') &&
          (history.paused ? button('resume') : button('pause'))}
        {(cronJob || objectRef.kind === 'Deployment') && (
          <span className="muted" data-testid="rollout-state">
            {cronJob
              ? history.paused
                ? 'Suspended: no scheduled Jobs start.'
                : 'Scheduled Jobs start on time.'
              : history.paused
                ? 'Rollout paused: template changes wait.'
                : 'Rollout active.'}
          </span>
        )}
      </div>
      {!cronJob && (
        <>
          <table className="rollouts__revisions" aria-label="Revisions">
            <thead>
              <tr>
                <th scope="col">Revision</th>
                <th scope="col">Age</th>
                <th scope="col">Images</th>
                {causes && <th scope="col">Change cause</th>}
                <th scope="col">Diff</th>
              </tr>
            </thead>
            <tbody>
              {[...revisions].reverse().map((r) => (
                <tr
                  key={r.revision}
                  data-testid={`revision-${r.revision}`}
                  aria-selected={r.revision === compared}
                >
                  <td>
                    {r.revision}
                    {r.current && <span className="rollouts__current">current</span>}
                  </td>
                  <td title={r.createdAt ?? undefined}>
                    {r.createdAt ? age(r.createdAt, now) : ''}
                  </td>
                  <td className="rollouts__images">
                    {r.images.map((image) => (
                      <code key={image}>{image}</code>
                    ))}
                  </td>
                  {causes && <td className="rollouts__cause">{r.changeCause ?? ''}</td>}
                  <td>
                    {!r.current && (
                      <input
                        type="radio"
                        name="compared-revision"
                        aria-label={`Compare revision ${r.revision}`}
                        checked={r.revision === compared}
                        onChange={() => setPicked(r.revision)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {revisions.length === 0 && <p className="muted">No revisions are kept.</p>}
          {chosen && current && (
            <div className="rollouts__diff">
              <div className="rollouts__diff-head">
                <h3>
                  Revision {chosen.revision} → revision {current.revision} (current)
                </h3>
                {button('rollback')}
              </div>
              <TemplateDiff from={chosen.templateYaml} to={current.templateYaml} />
            </div>
          )}
          {revisions.length === 1 && (
            <p className="muted">
              Only the current revision is kept: there is nothing to roll back to.
            </p>
          )}
        </>
      )}
      {confirming && asked && (
        <ConfirmDialog
          question={asked.question}
          confirmLabel={asked.confirm}
          onConfirm={(confirmation) => void run(confirming, confirmation)}
          onCancel={() => setConfirming(null)}
          guarded={{ action: confirming, clusterId: objectRef.clusterId }}
        >
          <p>{rolloutEffect(confirming, cronJob)}</p>
          <p className="muted">{objectRef.clusterId}</p>
        </ConfirmDialog>
      )}
      {error && (
        <ErrorState
          title={`${rolloutVerb(error.action, objectRef.kind)} failed on ${clusterName}.`}
          error={error.error}
        />
      )}
      {result && (
        <p role="status" className="rollouts__result">
          {result.message}
        </p>
      )}
    </section>
  );
}

function TemplateDiff({ from, to }: { from: string; to: string }) {
  const lines = templateDiff(from, to);
  if (lines.length === 0) {
    return <p className="muted">The pod templates of these revisions are the same.</p>;
  }
  return (
    <pre className="rollouts__lines" data-testid="revision-diff">
      {lines.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity but their place
        <span key={index}>
          {line.skipped > 0 && (
            <span className="rollouts__skipped">⋯ {line.skipped} unchanged</span>
          )}
          <span className={`rollouts__line rollouts__line--${line.kind}`}>
            {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '- ' : '  '}
            {line.text}
          </span>
        </span>
      ))}
    </pre>
  );
}

/** What an action does, as its confirmation says it. */
function rolloutEffect(action: RolloutAction, cronJob: boolean): string {
  const what: Record<RolloutAction, string> = {
    rollback:
      "The pod template is set back to that revision's; the controller rolls the pods out again.",
    trigger: "A Job is created now from the CronJob's job template (marked as started by hand).",
    pause: cronJob
      ? 'No scheduled Job starts until it is resumed; running Jobs go on.'
      : 'Template changes are not rolled out until the rollout is resumed.',
    resume: cronJob ? 'Scheduled Jobs start again.' : 'Waiting template changes are rolled out.',
  };
  return what[action];
}
