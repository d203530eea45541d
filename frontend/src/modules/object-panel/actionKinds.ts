/** Which panel actions fit which kinds (docs/actions.md); `can-i` has the final word. */
import type { ObjectRef } from '../../core/types.generated';
import type { ObjectAction } from './objectApi';

const SCALABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);
const RESTARTABLE = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/** The action buttons for `ref`, in the order they are shown; `delete` last. */
export function panelActionsOf(ref: ObjectRef): ObjectAction[] {
  const actions: ObjectAction[] = [];
  const apps = ref.group === 'apps';
  if (apps && SCALABLE.has(ref.kind)) actions.push('scale');
  if (apps && RESTARTABLE.has(ref.kind)) actions.push('restart');
  if (ref.group === '' && ref.kind === 'Node') actions.push('cordon', 'uncordon', 'drain');
  actions.push('delete');
  return actions;
}
