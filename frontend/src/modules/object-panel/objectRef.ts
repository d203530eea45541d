/**
 * The object reference (CONTRACT §1) of a table row or of an event's involved object: every
 * list row carries its clusterId, group, version and kind; an involved object its apiVersion.
 */
import type { InvolvedObject, ObjectRef } from '../../core/types.generated';
import type { TableRow } from '../../shared/components/tables/gridColumn';

/** The reference of `row`; null for rows that name no object (overview, stream events). */
export function objectRefOf(row: TableRow): ObjectRef | null {
  if (!('group' in row && 'kind' in row && 'uid' in row) || !row.clusterId || !row.name)
    return null;
  const { clusterId, group, version, kind, namespace, name, uid } = row;
  return { clusterId, group, version, kind, namespace, name, uid: uid || null };
}

/** The reference of the object an event in `clusterId` is about. */
export function involvedRef(clusterId: string, object: InvolvedObject): ObjectRef {
  const slash = object.apiVersion.indexOf('/');
  return {
    clusterId,
    group: slash < 0 ? '' : object.apiVersion.slice(0, slash),
    version: object.apiVersion.slice(slash + 1),
    kind: object.kind,
    namespace: object.namespace,
    name: object.name,
    uid: object.uid || null,
  };
}
