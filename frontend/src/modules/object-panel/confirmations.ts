/**
 * What the panel says about each action: its confirmation, what it sends, how a failure is titled. Every question names the object and its
 * cluster; a scale shows the change as `3 → 1` and says in words when it stops every pod; a drain
 * carries kubectl's options (docs/actions.md).
 */
import type { ObjectRef } from '../../core/types.generated';
import type { PanelAction } from './actionGate';

export const VERBS: Readonly<Record<PanelAction, string>> = {
  delete: 'Delete',
  scale: 'Scale',
  restart: 'Restart',
  cordon: 'Cordon',
  uncordon: 'Uncordon',
  drain: 'Drain',
};

/** Actions that run without a question: they only mark a node and are undone as easily. */
export const UNCONFIRMED: ReadonlySet<PanelAction> = new Set(['cordon', 'uncordon']);

/** `Deployment shop/web`, `Node kwok-node-0`. */
export function objectLabel(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name}`;
}

export function questionOf(action: PanelAction, ref: ObjectRef, clusterName: string): string {
  return `${VERBS[action]} ${objectLabel(ref)} on cluster ${clusterName}?`;
}

/** The replica change as shown and read: `3 → 1`; an unknown current count is `? → 1`. */
export function replicaChange(from: number | null, to: number): string {
  return `${from ?? '?'} → ${to}`;
}

/** The consequence of a scale, in words. */
export function scaleConsequence(
  ref: ObjectRef,
  clusterName: string,
  from: number | null,
  to: number,
): string {
  const target = `${objectLabel(ref)} on cluster ${clusterName}`;
  if (to === 0) return `This stops every pod of ${target}.`;
  if (from !== null && to < from) return `${from - to} of its pods will be stopped.`;
  if (from !== null && to > from) return `${to - from} more pods will be started.`;
  return `${target} will run ${to} ${to === 1 ? 'replica' : 'replicas'}.`;
}

/** A replicas box's text as a count, or null when it is not a whole number ≥ 0. */
export function parseReplicas(text: string): number | null {
  return /^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : null;
}

export interface DrainOptions {
  force: boolean;
  deleteEmptyDirData: boolean;
  /** Seconds, empty: each pod's own terminationGracePeriodSeconds. */
  gracePeriod: string;
  /** Seconds evictions refused by a PodDisruptionBudget are retried. */
  timeout: string;
}

export const DRAIN_DEFAULTS: DrainOptions = {
  force: false,
  deleteEmptyDirData: false,
  gracePeriod: '',
  timeout: '120',
};

/** The backend's limit on `timeoutSeconds` (backend/actions/limits.py DRAIN_TIMEOUT_MAX_S). */
export const DRAIN_TIMEOUT_MAX_S = 3600;

/** The drain's params, or the sentence that says which option is wrong. */
export function drainParams(
  options: DrainOptions,
): { params: Record<string, unknown> } | { invalid: string } {
  const grace = options.gracePeriod.trim();
  if (grace !== '' && !/^\d{1,6}$/.test(grace)) {
    return { invalid: 'The grace period must be a whole number of seconds, or empty.' };
  }
  const timeout = Number(options.timeout);
  if (!/^\d{1,4}$/.test(options.timeout.trim()) || timeout < 1 || timeout > DRAIN_TIMEOUT_MAX_S) {
    return { invalid: `The timeout must be 1 to ${DRAIN_TIMEOUT_MAX_S} seconds.` };
  }
  return {
    params: {
      force: options.force,
      deleteEmptyDirData: options.deleteEmptyDirData,
      ...(grace === '' ? {} : { gracePeriodSeconds: Number(grace) }),
      timeoutSeconds: timeout,
    },
  };
}

/** The heading of a failed action: a timeout is a timeout, not a refusal (codes: docs/actions.md). */
export function failureTitle(action: PanelAction, code: string, clusterName: string): string {
  const verb = VERBS[action];
  if (code === 'cluster_timeout')
    return `${verb} timed out: cluster ${clusterName} did not answer.`;
  if (code === 'cluster_unreachable' || code === 'cluster_unavailable') {
    return `${verb} could not reach cluster ${clusterName}.`;
  }
  if (code === 'forbidden') return `${verb} was refused.`;
  return `${verb} failed.`;
}
