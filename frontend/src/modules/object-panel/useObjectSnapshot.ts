/**
 * The items of one single-object domain for `ref`, through the app's one snapshot client (conditional
 * requests): fetched again when the catalog stream says an object of its kind changed in its
 * cluster (events: when that cluster's events changed), when the cluster's health changed, and
 * when `reloads` changes. A failed refetch keeps what was loaded.
 */
import { useEffect, useState } from 'react';
import { toContractError } from '../../core/contractError';
import { useRefreshServices } from '../../core/refresh/RefreshProvider';
import type { ObjectRef } from '../../core/types.generated';
import type { LoadState } from '../../shared/hooks/useLoad';
import type { ObjectDomain, ObjectDomainItems } from './objectApi';
import { objectScopeOf } from './objectScope';

export function useObjectSnapshot<D extends ObjectDomain>(
  domain: D,
  ref: ObjectRef,
  reloads = 0,
): LoadState<ObjectDomainItems[D][]> {
  const { client, coordinator } = useRefreshServices();
  const [state, setState] = useState<LoadState<ObjectDomainItems[D][]>>({ status: 'loading' });

  // biome-ignore lint/correctness/useExhaustiveDependencies: `reloads` asks for a fresh load
  useEffect(() => {
    let controller: AbortController | null = null;
    const load = () => {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      client.fetch(domain, { scopes: [objectScopeOf(ref)] }, current.signal).then(
        ({ snapshot }) => {
          // The domain decides the item type: one place narrows the snapshot's item union.
          const items = snapshot.items as ObjectDomainItems[D][];
          if (!current.signal.aborted) setState({ status: 'loaded', value: items });
        },
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
    load();
    const unwatch =
      domain === 'object-events'
        ? coordinator.watch('events', [ref.clusterId], load)
        : coordinator.watchKind(ref.clusterId, ref.kind, load);
    return () => {
      unwatch();
      controller?.abort();
    };
  }, [client, coordinator, domain, ref, reloads]);

  return state;
}
