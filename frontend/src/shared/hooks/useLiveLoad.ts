import { type DependencyList, useEffect, useState } from 'react';
import { toContractError } from '../../core/contractError';
import type { LoadState } from './useLoad';

/**
 * Runs `load` now, again whenever `watch` calls back, and when `deps` change. The newest request
 * wins (an older one is aborted) and a failed reload keeps what was loaded, so a view that follows
 * a live object neither flashes nor loses its data on a passing failure. `fresh`: show "loading"
 * when `deps` change (they name another object) instead of the last object's data.
 */
export function useLiveLoad<T>(
  load: (signal: AbortSignal) => Promise<T>,
  watch: (reload: () => void) => () => void,
  deps: DependencyList,
  fresh = false,
): LoadState<T> {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });

  useEffect(() => {
    let controller: AbortController | null = null;
    const reload = () => {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      load(current.signal).then(
        (value) => !current.signal.aborted && setState({ status: 'loaded', value }),
        (thrown: unknown) => {
          if (current.signal.aborted) return;
          setState((previous) =>
            previous.status === 'loaded'
              ? previous
              : { status: 'failed', error: toContractError(thrown) },
          );
        },
      );
    };
    if (fresh) setState({ status: 'loading' });
    reload();
    const unwatch = watch(reload);
    return () => {
      unwatch();
      controller?.abort();
    };
    // biome-ignore lint/correctness/useExhaustiveDependencies: `deps` name what `load` and `watch` read
  }, deps);

  return state;
}
