import type { ClusterSettings } from '../core/types.generated';
import { loadClusterSettings } from '../shared/clusterSettings';
import { jsonResponse, stubBackend } from './fakeBackend';

/** Loads cluster settings in which `clusterId` has `protection` (stubs fetch for the load only). */
export async function protect(
  clusterId: string,
  protection: ClusterSettings['protection'],
): Promise<void> {
  const clusterName = clusterId.slice(clusterId.indexOf(':') + 1);
  stubBackend({
    'GET /api/v1/cluster-settings': () =>
      jsonResponse({
        rules: [],
        clusters: [{ clusterId, clusterName, alias: null, color: null, protection }],
        problems: [],
      }),
  });
  await loadClusterSettings();
}
