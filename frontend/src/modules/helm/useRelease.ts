/**
 * One release's detail (history, values, manifest, notes), loaded again when `reloads` changes
 * or when Helm's storage objects change in its cluster. A failed reload keeps what was shown.
 */
import { useRefreshServices } from '../../core/refresh/RefreshProvider';
import type { HelmReleaseDetail } from '../../core/types.generated';
import { useLiveLoad } from '../../shared/hooks/useLiveLoad';
import type { LoadState } from '../../shared/hooks/useLoad';
import { fetchRelease, type ReleaseKey, releaseKeyText } from './helmApi';

export function useRelease(key: ReleaseKey, reloads: number): LoadState<HelmReleaseDetail> {
  const { client, coordinator } = useRefreshServices();
  return useLiveLoad(
    (signal) => fetchRelease(client, key, signal),
    (reload) => coordinator.watch('helm-releases', [key.clusterId], reload),
    [client, coordinator, releaseKeyText(key), reloads],
    true,
  );
}
