/** A confirmation inside the panel that names the object and its cluster. */
import type { ObjectRef } from '../../core/types.generated';
import { clusterNameOf } from './clusterNameOf';

export function ConfirmDialog({
  verb,
  objectRef,
  onConfirm,
  onCancel,
}: {
  /** What is confirmed, capitalised: "Delete", "Drain". */
  verb: string;
  objectRef: ObjectRef;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const clusterName = clusterNameOf(objectRef.clusterId);
  const objectName = objectRef.namespace
    ? `${objectRef.namespace}/${objectRef.name}`
    : objectRef.name;
  return (
    <div className="object-confirm" role="alertdialog" aria-label={`${verb} ${objectRef.kind}`}>
      <p>
        {verb} {objectRef.kind} <strong>{objectName}</strong> on cluster{' '}
        <strong>{clusterName}</strong>?
      </p>
      <p className="muted">{objectRef.clusterId}</p>
      <div className="object-confirm__buttons">
        <button type="button" className="object-confirm__danger" onClick={onConfirm}>
          {verb} on {clusterName}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
