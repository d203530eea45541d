/**
 * Which action buttons the panel shows, which are enabled, and why not. The backend's `can-i`
 * says which actions fit the kind and which the user may do; the cluster's health and the
 * object's own state (a node cordoned or not) can still rule an action out, each with a sentence
 * the disabled button shows.
 */
import type { ActionPermission } from '../../core/types.generated';

/** The panel's buttons in the order shown; `apply` lives in the YAML tab. */
export const PANEL_ACTIONS = ['scale', 'restart', 'cordon', 'uncordon', 'drain', 'delete'] as const;
export type PanelAction = (typeof PANEL_ACTIONS)[number];

export interface ActionGate {
  action: PanelAction;
  enabled: boolean;
  /** Why the button is disabled; its title. */
  reason: string | undefined;
}

/** A cluster in one of these states cannot be trusted to carry out an action, or to tell. */
const UNHEALTHY: Readonly<Record<string, string>> = {
  stale: 'stale',
  unreachable: 'unreachable',
  timeout: 'timing out',
};

/** Why no action can go to the cluster now, or null when it is healthy (or not yet known). */
export function clusterBlock(
  clusterName: string,
  health: { status: string; message: string | null } | undefined,
): string | null {
  const state = health ? UNHEALTHY[health.status] : undefined;
  if (!health || !state) return null;
  const detail = health.message ? `: ${health.message.replace(/\.$/, '')}` : '';
  return `Cluster ${clusterName} is ${state}${detail}. Actions wait until it answers again.`;
}

/** Cordon and uncordon: only the one that changes the node's state is enabled. */
export function nodeStateBlock(
  action: PanelAction,
  unschedulable: boolean | undefined,
): string | null {
  if (action !== 'cordon' && action !== 'uncordon') return null;
  if (unschedulable === undefined) return "The node's state is not loaded yet.";
  if (action === 'cordon' && unschedulable) return 'The node is already cordoned.';
  if (action === 'uncordon' && !unschedulable) return 'The node is not cordoned.';
  return null;
}

/** The shown buttons: applicable ones only, each disabled by the first thing that rules it out. */
export function gateActions({
  permissions,
  blocked,
  unschedulable,
}: {
  permissions: readonly ActionPermission[];
  /** Why the cluster takes no actions now (clusterBlock), or null. */
  blocked: string | null;
  unschedulable: boolean | undefined;
}): ActionGate[] {
  const gates: ActionGate[] = [];
  for (const action of PANEL_ACTIONS) {
    const answer = permissions.find((permission) => permission.action === action);
    if (!answer?.applicable) continue;
    const reason =
      blocked ??
      (answer.allowed ? null : (answer.reason ?? 'Not allowed.')) ??
      nodeStateBlock(action, unschedulable);
    gates.push({ action, enabled: reason === null, reason: reason ?? undefined });
  }
  return gates;
}
