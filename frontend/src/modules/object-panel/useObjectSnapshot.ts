/**
 * The items of one single-object domain for `ref`, through the app's one snapshot client (conditional
 * requests): fetched again when the catalog stream says an object of its kind changed in its
 * cluster (events: when that cluster's events changed), when the cluster's health changed, and
 * when `reloads` changes. A failed refetch keeps what was loaded.
 */
import { useRefreshServices } from '../../core/refresh/RefreshProvider';
import { objectScope } from '../../core/refresh/scopes';
import type { ObjectRef } from '../../core/types.generated';
import { useLiveLoad } from '../../shared/hooks/useLiveLoad';
import type { LoadState } from '../../shared/hooks/useLoad';
import type { ObjectDomain, ObjectDomainItems } from './objectApi';

export function useObjectSnapshot<D extends ObjectDomain>(
  domain: D,
  ref: ObjectRef,
  reloads = 0,
): LoadState<ObjectDomainItems[D][]> {
  const { client, coordinator } = useRefreshServices();
  return useLiveLoad(
    async (signal) => {
      const { snapshot } = await client.fetch(domain, { scopes: [objectScope(ref)] }, signal);
      // The domain decides the item type: one place narrows the snapshot's item union.
      return snapshot.items as ObjectDomainItems[D][];
    },
    (reload) =>
      domain === 'object-events'
        ? coordinator.watch('events', [ref.clusterId], reload)
        : coordinator.watchKind(ref.clusterId, ref.kind, reload),
    [client, coordinator, domain, ref, reloads],
  );
}
