/**
 * The backend calls of the object panel. Every call carries the full reference, so it reaches
 * `ref.clusterId` and no other cluster, whatever the UI currently shows.
 */
import { postJson } from '../../core/http';
import type {
  ActionPermission,
  ActionPermissions,
  ActionResult,
  EventItem,
  ObjectDetailsItem,
  ObjectRef,
  ObjectYamlItem,
  PermissionQuery,
} from '../../core/types.generated';

export type ObjectAction = ActionPermission['action'];

/** The item type of each single-object domain. */
export interface ObjectDomainItems {
  'object-details': ObjectDetailsItem;
  'object-yaml': ObjectYamlItem;
  'object-events': EventItem;
}
export type ObjectDomain = keyof ObjectDomainItems;

export function runAction(
  action: ObjectAction,
  ref: ObjectRef,
  params: Record<string, unknown> = {},
): Promise<ActionResult> {
  return postJson<ActionResult>(`/api/v1/actions/${action}`, { ref, params });
}

/** can-i for `actions` on `ref` (null: every action). */
export function checkPermissions(
  ref: ObjectRef,
  actions: ObjectAction[] | null = null,
): Promise<ActionPermissions> {
  const query: PermissionQuery = { ref, actions };
  return postJson<ActionPermissions>('/api/v1/actions/can-i', query);
}
