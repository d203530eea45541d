/**
 * The scope of one object (CONTRACT §1): `<clusterId>|object:<group>/<version>/<kind>/<ns>/<name>`.
 * It names the object's own cluster, so it is also the key that keeps the state of panels for
 * namesakes in different clusters apart.
 */
import type { ObjectRef } from '../../core/types.generated';

export function objectScopeOf(ref: ObjectRef): string {
  return `${ref.clusterId}|object:${ref.group}/${ref.version}/${ref.kind}/${ref.namespace}/${ref.name}`;
}
