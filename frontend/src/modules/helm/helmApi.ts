/**
 * The backend calls of the Helm view (CONTRACT §13). Every call names the release's cluster, so
 * a rollback or uninstall reaches that cluster and no other.
 */
import { postJson } from '../../core/http';
import { clusterScope, helmScope } from '../../core/refresh/scopes';
import type { SnapshotClient } from '../../core/refresh/snapshotClient';
import type {
  ActionResult,
  HelmReleaseDetail,
  HelmReleaseItem,
  ObjectRef,
} from '../../core/types.generated';
import type { Confirmation } from '../../shared/clusterSettings';
import type { TableRow } from '../../shared/components/tables/gridColumn';
import { stringField } from '../../shared/components/tables/rowFields';

/** One release in one cluster. */
export interface ReleaseKey {
  clusterId: string;
  namespace: string;
  name: string;
}

export const releaseKeyText = (key: ReleaseKey): string =>
  helmScope(key.clusterId, key.namespace, key.name);

export function releaseKeyOf(row: TableRow): ReleaseKey | null {
  const clusterId = stringField(row, 'clusterId');
  const namespace = stringField(row, 'namespace');
  const name = stringField(row, 'name');
  return clusterId && namespace && name ? { clusterId, namespace, name } : null;
}

/** The action reference of a release (§13): group `helm.sh`, version `v1`, kind `Release`. */
export function releaseRef(key: ReleaseKey): ObjectRef {
  return { ...key, group: 'helm.sh', version: 'v1', kind: 'Release', uid: null };
}

export async function fetchRelease(
  client: SnapshotClient,
  key: ReleaseKey,
  signal?: AbortSignal,
): Promise<HelmReleaseDetail> {
  const { snapshot } = await client.fetch(
    'helm-release',
    { scopes: [releaseKeyText(key)] },
    signal,
  );
  const [detail] = snapshot.items as HelmReleaseDetail[];
  if (!detail) throw new Error(`The release ${key.namespace}/${key.name} was not found.`);
  return detail;
}

/** The releases named `name` in the given clusters (for comparing them). */
export async function releasesNamed(
  client: SnapshotClient,
  clusterIds: readonly string[],
  name: string,
  signal?: AbortSignal,
): Promise<HelmReleaseItem[]> {
  const query = { scopes: clusterIds.map(clusterScope), q: name };
  const { snapshot } = await client.fetch('helm-releases', query, signal);
  return (snapshot.items as HelmReleaseItem[]).filter((item) => item.name === name);
}

/** `confirmation` is what the confirm dialog answered (the typed name on a `confirm` cluster). */
export function rollback(
  key: ReleaseKey,
  revision: number,
  confirmation: Confirmation = {},
): Promise<ActionResult> {
  return postJson<ActionResult>('/api/v1/actions/helm-rollback', {
    ref: releaseRef(key),
    params: { revision, ...confirmation },
  });
}

export function uninstall(key: ReleaseKey, confirmation: Confirmation = {}): Promise<ActionResult> {
  return postJson<ActionResult>('/api/v1/actions/helm-uninstall', {
    ref: releaseRef(key),
    params: { ...confirmation },
  });
}
