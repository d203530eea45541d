/** `POST /api/v1/actions/bulk`: the backend fans out per cluster, each under its own timeout. */
import { postJson } from '../../core/http';
import type { BulkRequest, BulkResult } from '../../core/types.generated';

export type BulkAction = BulkRequest['action'];

export function runBulk(
  action: BulkAction,
  refs: BulkRequest['refs'],
  params: Record<string, unknown>,
  confirmClusterNames: Record<string, string>,
): Promise<BulkResult> {
  const body: BulkRequest = { action, refs, params, confirmClusterNames, timeoutSeconds: 20 };
  return postJson<BulkResult>('/api/v1/actions/bulk', body);
}

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
