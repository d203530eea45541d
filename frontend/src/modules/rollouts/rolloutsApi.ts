/** The rollout history of one object, asked of its own cluster (`ref.clusterId`). */
import { postJson } from '../../core/http';
import type { HistoryRequest, ObjectRef, RolloutHistory } from '../../core/types.generated';

export function fetchHistory(ref: ObjectRef): Promise<RolloutHistory> {
  const body: HistoryRequest = { ref };
  return postJson<RolloutHistory>('/api/v1/rollouts/history', body);
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/** Kinds with a Rollouts tab: workloads with revisions, and CronJobs (trigger, suspend). */
export function hasRollouts(ref: ObjectRef): boolean {
  return (
    (ref.group === 'apps' && WORKLOADS.has(ref.kind)) ||
    (ref.group === 'batch' && ref.kind === 'CronJob')
  );
}
