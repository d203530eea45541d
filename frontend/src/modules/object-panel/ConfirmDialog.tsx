/**
 * A modal confirmation that names the object and its cluster (Radix AlertDialog: focus stays in
 * the dialog, Escape or Cancel closes it, Cancel has the focus first). Given the `guarded` action,
 * it is the one place a `confirm` cluster asks for its name: the button waits for the name typed
 * exactly, and `onConfirm` gets `{ confirmClusterName }` to put into the action's params.
 */
import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { type ReactNode, useState } from 'react';
import { type Confirmation, clusterSettingsOf, needsTypedName } from '../../shared/clusterSettings';
import { TypeClusterName } from '../protection/TypeClusterName';

/** The action a dialog confirms and the cluster it runs on. */
export interface GuardedAction {
  action: string;
  clusterId: string;
}

export function ConfirmDialog({
  question,
  confirmLabel,
  confirmDisabled = false,
  onConfirm,
  onCancel,
  children,
  options,
  guarded,
}: {
  /** The question, naming object and cluster: "Delete Pod shop/web-1 on cluster beta?" */
  question: string;
  /** The confirming button: "Delete on beta". */
  confirmLabel: string;
  confirmDisabled?: boolean;
  onConfirm: (confirmation: Confirmation) => void;
  onCancel: () => void;
  /** What happens, in words. */
  children?: ReactNode;
  /** Choices that change what happens (a drain's options). */
  options?: ReactNode;
  /** The destructive action confirmed; on a `confirm` cluster its name must be typed. */
  guarded?: GuardedAction;
}) {
  const [typed, setTyped] = useState('');
  // The name the backend compares with (its settings'), not a label the caller derived.
  const name =
    guarded && needsTypedName(guarded.clusterId, guarded.action)
      ? (clusterSettingsOf(guarded.clusterId)?.clusterName ?? null)
      : null;
  const nameMissing = name !== null && typed !== name;
  return (
    <AlertDialog.Root open onOpenChange={(open) => !open && onCancel()}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="object-confirm__overlay" />
        <AlertDialog.Content className="object-confirm">
          <AlertDialog.Title className="object-confirm__question">{question}</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="object-confirm__body">{children}</div>
          </AlertDialog.Description>
          {options}
          {name !== null && (
            <TypeClusterName clusterName={name} value={typed} onChange={setTyped} />
          )}
          <div className="object-confirm__buttons">
            <AlertDialog.Cancel asChild>
              <button type="button">Cancel</button>
            </AlertDialog.Cancel>
            <button
              type="button"
              className="object-confirm__danger"
              disabled={confirmDisabled || nameMissing}
              onClick={() => onConfirm(name !== null ? { confirmClusterName: typed } : {})}
            >
              {confirmLabel}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
