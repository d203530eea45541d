/**
 * The rows picked for a bulk action, across clusters and views: object references by identity.
 * A module store, so each row's checkbox re-renders alone when it changes.
 */
import { useSyncExternalStore } from 'react';
import { Listeners } from '../../core/listeners';
import type { ObjectRef } from '../../core/types.generated';

let picked = new Map<string, ObjectRef>();
const listeners = new Listeners();

export function refKey(ref: ObjectRef): string {
  return [ref.clusterId, ref.group, ref.kind, ref.namespace, ref.name].join('|');
}

function changed(next: Map<string, ObjectRef>): void {
  picked = next;
  listeners.tell();
}

export function togglePicked(ref: ObjectRef): void {
  const next = new Map(picked);
  const key = refKey(ref);
  if (next.has(key)) next.delete(key);
  else next.set(key, ref);
  changed(next);
}

export function clearPicked(): void {
  changed(new Map());
}

const subscribe = listeners.add;

export function usePicked(): ReadonlyMap<string, ObjectRef> {
  return useSyncExternalStore(subscribe, () => picked);
}

export function useIsPicked(key: string): boolean {
  return useSyncExternalStore(subscribe, () => picked.has(key));
}

/** The picked objects grouped by cluster, clusters in first-picked order. */
export function byCluster(refs: Iterable<ObjectRef>): Map<string, ObjectRef[]> {
  const groups = new Map<string, ObjectRef[]>();
  for (const ref of refs) {
    const group = groups.get(ref.clusterId) ?? [];
    group.push(ref);
    groups.set(ref.clusterId, group);
  }
  return groups;
}
