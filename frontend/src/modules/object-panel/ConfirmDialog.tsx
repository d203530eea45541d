/**
 * A modal confirmation that names the object and its cluster (Radix AlertDialog: focus stays in
 * the dialog, Escape or Cancel closes it, Cancel has the focus first).
 */
import * as AlertDialog from '@radix-ui/react-alert-dialog';
import type { ReactNode } from 'react';

export function ConfirmDialog({
  question,
  confirmLabel,
  confirmDisabled = false,
  onConfirm,
  onCancel,
  children,
  options,
}: {
  /** The question, naming object and cluster: "Delete Pod shop/web-1 on cluster beta?" */
  question: string;
  /** The confirming button: "Delete on beta". */
  confirmLabel: string;
  confirmDisabled?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** What happens, in words. */
  children?: ReactNode;
  /** Choices that change what happens (a drain's options). */
  options?: ReactNode;
}) {
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
          <div className="object-confirm__buttons">
            <AlertDialog.Cancel asChild>
              <button type="button">Cancel</button>
            </AlertDialog.Cancel>
            <button
              type="button"
              className="object-confirm__danger"
              disabled={confirmDisabled}
              onClick={onConfirm}
            >
              {confirmLabel}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
