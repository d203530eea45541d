/** Plain-HTTP questions around a terminal: why an upgrade was refused, and may a debug container start. */

import { isErrorBody } from '../../core/contractError';
import { sendRequest } from '../../core/http';
import type { ActionPermission } from '../../core/types.generated';
import { checkPermissions } from '../object-panel/objectApi';
import { type TerminalTarget, terminalPath } from './terminalProtocol';

/** The refusal the backend gives the same request without the upgrade, or null. */
export async function refusalOf(target: TerminalTarget): Promise<string | null> {
  try {
    const response = await sendRequest(terminalPath(target));
    if (response.status === 426) return null;
    const body: unknown = await response.json().catch(() => undefined);
    return isErrorBody(body) ? body.error.message : `The backend answered ${response.status}.`;
  } catch (thrown) {
    return thrown instanceof Error ? thrown.message : String(thrown);
  }
}

/** can-i for the debug container (patch pods/ephemeralcontainers, create pods/exec). */
export async function debugPermission(target: TerminalTarget): Promise<ActionPermission | null> {
  const { clusterId, namespace, pod } = target;
  const ref = { clusterId, group: '', version: 'v1', kind: 'Pod', namespace, name: pod, uid: null };
  const answer = await checkPermissions(ref, ['debug']);
  return answer.actions.find((permission) => permission.action === 'debug') ?? null;
}
