import { useEffect, useState } from 'react';
import { type ContractError, toContractError } from '../../core/contractError';

export type LoadState<T> =
  | { status: 'loading' }
  | { status: 'loaded'; value: T }
  | { status: 'failed'; error: ContractError };

/**
 * Runs `load` once per mount (and again if `load` itself changes) and tracks its outcome.
 * Pass a stable function — a module-level one or a useCallback — or it reloads every render.
 * With `keepWhileReloading`, a reload shows what was loaded until the new answer comes (a view
 * that follows a changing object should not flash "Loading…" at each change).
 */
export function useLoad<T>(load: () => Promise<T>, keepWhileReloading = false): LoadState<T> {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  useEffect(() => {
    // An answer that arrives after unmount (or after `load` changed) must not be shown.
    let current = true;
    setState((previous) =>
      keepWhileReloading && previous.status === 'loaded' ? previous : { status: 'loading' },
    );
    load().then(
      (value) => current && setState({ status: 'loaded', value }),
      (thrown: unknown) =>
        current && setState({ status: 'failed', error: toContractError(thrown) }),
    );
    return () => {
      current = false;
    };
  }, [load, keepWhileReloading]);
  return state;
}
