/** Plain-HTTP questions around a terminal: why an upgrade was refused, and may a debug container start. */

import { isErrorBody } from '../../core/contractError';
import { postJson, sendRequest } from '../../core/http';
import type { ActionPermission, ActionPermissions, ObjectRef } from '../../core/types.generated';
import { type TerminalTarget, terminalScope } from './terminalProtocol';

/** The refusal the backend gives the same request without the upgrade, or null. */
export async function refusalOf(target: TerminalTarget): Promise<string | null> {
  const params = new URLSearchParams({ scope: terminalScope(target) });
  if (target.debugImage) params.set('debug', target.debugImage);
  try {
    const response = await sendRequest(`/api/v1/terminal?${params.toString()}`);
    if (response.status === 426) return null;
    const body: unknown = await response.json().catch(() => undefined);
    return isErrorBody(body) ? body.error.message : `The backend answered ${response.status}.`;
  } catch (thrown) {
    return thrown instanceof Error ? thrown.message : String(thrown);
  }
}

export function podRef(target: TerminalTarget): ObjectRef {
  return {
    clusterId: target.clusterId,
    group: '',
    version: 'v1',
    kind: 'Pod',
    namespace: target.namespace,
    name: target.pod,
    uid: null,
  };
}

/** can-i for the debug container (patch pods/ephemeralcontainers, create pods/exec). */
export async function debugPermission(target: TerminalTarget): Promise<ActionPermission | null> {
  const answer = await postJson<ActionPermissions>('/api/v1/actions/can-i', {
    ref: podRef(target),
    actions: ['debug'],
  });
  return answer.actions.find((permission) => permission.action === 'debug') ?? null;
}
