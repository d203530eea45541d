/**
 * The backend calls of the object panel. Every call carries the full reference, so it reaches
 * `ref.clusterId` and no other cluster, whatever the UI currently shows.
 */
import { postJson, requestJson } from '../../core/http';
import type {
  ActionPermission,
  ActionPermissions,
  ActionResult,
  ObjectRef,
  PermissionQuery,
  Snapshot,
} from '../../core/types.generated';
import { objectScopeOf } from './objectScope';

export type ObjectAction = ActionPermission['action'];
export type ObjectDomain = 'object-details' | 'object-yaml' | 'object-events';

export function loadObjectSnapshot(
  domain: ObjectDomain,
  ref: ObjectRef,
  signal?: AbortSignal,
): Promise<Snapshot> {
  const query = new URLSearchParams({ scope: objectScopeOf(ref) });
  const path = `/api/v1/snapshots/${domain}?${query.toString()}`;
  return requestJson<Snapshot>(path, signal ? { signal } : {});
}

export function runAction(
  action: ObjectAction,
  ref: ObjectRef,
  params: Record<string, unknown> = {},
): Promise<ActionResult> {
  return postJson<ActionResult>(`/api/v1/actions/${action}`, { ref, params });
}

export function checkPermissions(ref: ObjectRef): Promise<ActionPermissions> {
  const query: PermissionQuery = { ref, actions: null };
  return postJson<ActionPermissions>('/api/v1/actions/can-i', query);
}
