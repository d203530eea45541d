/** Which bulk actions fit the picked kinds. */
import type { BulkRequest } from '../../core/types.generated';

export type BulkAction = BulkRequest['action'];

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);
const SCALABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

/** Whether `action` fits every picked kind (the backend checks again, per object). */
export function fitsAll(action: BulkAction, kinds: readonly string[]): boolean {
  if (kinds.length === 0) return false;
  if (action === 'restart') return kinds.every((k) => WORKLOADS.has(k));
  if (action === 'scale') return kinds.every((k) => SCALABLE.has(k));
  if (action === 'cordon' || action === 'uncordon') return kinds.every((k) => k === 'Node');
  return true;
}
