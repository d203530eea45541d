/**
 * The object panel's "Forward port…" button (pods, services and workloads). `can-i` says whether
 * the user may `create pods/portforward` there; the button is disabled with that reason, or the
 * cluster's, as its title.
 */
import { useState } from 'react';
import type { ActionPermission, ObjectRef, ObjectSummary } from '../../core/types.generated';
import { allowanceOf } from '../object-panel/usePermissions';
import { ForwardDialog } from './ForwardDialog';
import { FORWARDABLE_KINDS, offeredPorts } from './forwardPorts';
import './portForwards.css';

export function ForwardPortAction({
  objectRef,
  clusterName,
  summary,
  permissions,
  blocked,
}: {
  objectRef: ObjectRef;
  clusterName: string;
  /** The object's details summary (its ports), or null until loaded. */
  summary: ObjectSummary | null;
  permissions: readonly ActionPermission[] | null;
  /** Why the cluster takes nothing now, or null. */
  blocked: string | null;
}) {
  const [open, setOpen] = useState(false);
  const [started, setStarted] = useState<string | null>(null);
  if (FORWARDABLE_KINDS[objectRef.kind] !== objectRef.group) return null;
  const answer = permissions?.find((permission) => permission.action === 'port-forward');
  if (answer && !answer.applicable) return null;
  const { reason } = allowanceOf(permissions, 'port-forward', blocked);
  return (
    <div className="forward-action">
      <button
        type="button"
        disabled={reason !== undefined}
        title={reason}
        onClick={() => setOpen(true)}
      >
        Forward port…
      </button>
      {reason && answer && !answer.allowed && (
        <span className="forward-action__reason muted">{reason}</span>
      )}
      {started && (
        <span role="status" className="forward-action__started">
          {started}
        </span>
      )}
      {open && (
        <ForwardDialog
          objectRef={objectRef}
          clusterName={clusterName}
          ports={offeredPorts(summary?.ports ?? [])}
          onClose={() => setOpen(false)}
          onStarted={(forward) => {
            setOpen(false);
            setStarted(`Forwarding 127.0.0.1:${forward.localPort} → ${forward.remotePort}`);
          }}
        />
      )}
    </div>
  );
}
