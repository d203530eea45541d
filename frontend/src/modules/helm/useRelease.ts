/**
 * One release's detail (history, values, manifest, notes), loaded again when `reloads` changes
 * or when Helm's storage objects change in its cluster. A failed reload keeps what was shown.
 */
import { useEffect, useState } from 'react';
import { toContractError } from '../../core/contractError';
import { useRefreshServices } from '../../core/refresh/RefreshProvider';
import type { HelmReleaseDetail } from '../../core/types.generated';
import type { LoadState } from '../../shared/hooks/useLoad';
import { fetchRelease, type ReleaseKey } from './helmApi';

export function useRelease(key: ReleaseKey, reloads: number): LoadState<HelmReleaseDetail> {
  const { client, coordinator } = useRefreshServices();
  const [state, setState] = useState<LoadState<HelmReleaseDetail>>({ status: 'loading' });

  // biome-ignore lint/correctness/useExhaustiveDependencies: `reloads` asks for a fresh load
  useEffect(() => {
    let controller: AbortController | null = null;
    const load = () => {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      fetchRelease(client, key, current.signal).then(
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
    setState({ status: 'loading' });
    load();
    const unwatch = coordinator.watch('helm-releases', [key.clusterId], load);
    return () => {
      unwatch();
      controller?.abort();
    };
  }, [client, coordinator, key, reloads]);

  return state;
}
