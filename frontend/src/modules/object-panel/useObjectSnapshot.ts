/** The first item of a single-object domain for `ref`, reloaded when `reloads` changes. */
import { useCallback } from 'react';
import type { ObjectRef, Snapshot } from '../../core/types.generated';
import { type LoadState, useLoad } from '../../shared/hooks/useLoad';
import { loadObjectSnapshot, type ObjectDomain } from './objectApi';

export function useObjectSnapshot(
  domain: ObjectDomain,
  ref: ObjectRef,
  reloads = 0,
): LoadState<Snapshot> {
  // biome-ignore lint/correctness/useExhaustiveDependencies: `reloads` asks for a fresh load
  const load = useCallback(() => loadObjectSnapshot(domain, ref), [domain, ref, reloads]);
  return useLoad(load);
}
