/**
 * The recorded usage of one pod or node (`object-metrics`), fetched again every resolution while
 * the chart is shown: asking is what keeps the backend recording it.
 */
import { useEffect, useState } from 'react';
import { useRefreshServices } from '../../core/refresh/RefreshProvider';
import { objectScope } from '../../core/refresh/scopes';
import type { ObjectMetricsItem, ObjectRef } from '../../core/types.generated';

const FALLBACK_RESOLUTION_S = 15;

export function useObjectMetrics(ref: ObjectRef): ObjectMetricsItem | null {
  const { client } = useRefreshServices();
  const [item, setItem] = useState<ObjectMetricsItem | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      client.fetch('object-metrics', { scopes: [objectScope(ref)] }, controller.signal).then(
        ({ snapshot }) => {
          if (controller.signal.aborted) return;
          const next = (snapshot.items[0] as ObjectMetricsItem | undefined) ?? null;
          setItem(next);
          const seconds = next?.resolutionSeconds ?? FALLBACK_RESOLUTION_S;
          timer = setTimeout(load, seconds * 1000);
        },
        () => {
          if (!controller.signal.aborted) timer = setTimeout(load, FALLBACK_RESOLUTION_S * 1000);
        },
      );
    };
    load();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [client, ref]);

  return item;
}
