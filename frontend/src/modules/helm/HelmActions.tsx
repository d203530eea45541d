/**
 * Rollback and uninstall of one release, each behind a confirmation that names the release, its
 * cluster and the revision. The user's own `helm` runs them (backend/actions/helm.py); without it
 * the error says how to install it.
 */
import { useState } from 'react';
import { type ContractError, toContractError } from '../../core/contractError';
import type { ActionResult } from '../../core/types.generated';
import type { Confirmation } from '../../shared/clusterSettings';
import { ConfirmDialog } from '../object-panel/ConfirmDialog';
import { type ReleaseKey, rollback, uninstall } from './helmApi';

export type PendingAction = { kind: 'rollback'; revision: number } | { kind: 'uninstall' };

export function HelmActionConfirm({
  release,
  clusterName,
  currentRevision,
  pending,
  onClose,
  onDone,
}: {
  release: ReleaseKey;
  clusterName: string;
  currentRevision: number;
  pending: PendingAction;
  onClose: () => void;
  onDone: (result: ActionResult) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  const label = `${release.namespace}/${release.name}`;
  const rollingBack = pending.kind === 'rollback';
  const question = rollingBack
    ? `Roll back release ${label} on cluster ${clusterName} to revision ${pending.revision}?`
    : `Uninstall release ${label} (revision ${currentRevision}) on cluster ${clusterName}?`;
  // The question names the cluster; the button repeats it when it is short enough to read.
  const where = clusterName.length <= 24 ? ` on ${clusterName}` : '';
  const confirm = async (confirmation: Confirmation) => {
    setBusy(true);
    setError(null);
    const work = rollingBack
      ? rollback(release, pending.revision, confirmation)
      : uninstall(release, confirmation);
    try {
      onDone(await work);
    } catch (thrown) {
      setError(toContractError(thrown));
    }
    setBusy(false);
  };
  return (
    <ConfirmDialog
      question={question}
      confirmLabel={
        busy
          ? 'Working…'
          : `${rollingBack ? `Roll back to ${pending.revision}` : 'Uninstall'}${where}`
      }
      confirmDisabled={busy}
      onConfirm={confirm}
      onCancel={onClose}
      guarded={{
        action: rollingBack ? 'helm-rollback' : 'helm-uninstall',
        clusterId: release.clusterId,
      }}
    >
      <p>
        {rollingBack
          ? `helm rollback makes revision ${pending.revision}'s chart and values current again, as a new revision ${currentRevision + 1}. Only cluster ${clusterName} changes.`
          : `helm uninstall deletes every object the release made in cluster ${clusterName}, and its history. Other clusters are not touched.`}
      </p>
      {error && (
        <p role="alert" className="helm-release__error">
          {error.message} <code>{error.code}</code>
        </p>
      )}
    </ConfirmDialog>
  );
}
