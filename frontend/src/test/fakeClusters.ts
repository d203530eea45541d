/**
 * A backend with kubeconfig contexts and snapshots, for component tests: dev.yaml holds alpha,
 * beta and staging; prod.yaml holds staging again (a duplicate name) and a broken neighbour.
 */
import type { KubeconfigContext, KubeconfigListing, Snapshot } from '../core/types.generated';
import { diagnosticsReport } from './diagnostics';
import { type FakeRequest, type FakeRoute, jsonResponse, stubBackend } from './fakeBackend';
import { clusterPart, namespaceItem, podItem, snapshot } from './snapshots';

export const ALPHA = 'dev.yaml:alpha';
export const BETA = 'dev.yaml:beta';
export const STAGING_DEV = 'dev.yaml:staging';
export const STAGING_PROD = 'prod.yaml:staging';

export const DUPLICATE_REASON =
  '`staging` is already active. Duplicate context names are not allowed.';

export function kubeContext(
  clusterId: string,
  overrides: Partial<KubeconfigContext> = {},
): KubeconfigContext {
  const colon = clusterId.indexOf(':');
  const file = clusterId.slice(0, colon);
  const name = clusterId.slice(colon + 1);
  return {
    clusterId,
    clusterName: name,
    file,
    path: `/home/me/.kube/${file}`,
    context: name,
    server: `https://127.0.0.1:6443/${name}`,
    user: `${name}-admin`,
    namespace: null,
    selected: false,
    disabled: false,
    disabledReason: null,
    ...overrides,
  };
}

/** The listing the backend gives for `selected` (duplicates of a selected name disabled). */
export function listingFor(selected: readonly string[]): KubeconfigListing {
  const selectedNames = new Set(selected.map((id) => id.slice(id.indexOf(':') + 1)));
  const contexts = [ALPHA, BETA, STAGING_DEV, STAGING_PROD].map((clusterId) => {
    const name = clusterId.slice(clusterId.indexOf(':') + 1);
    const isSelected = selected.includes(clusterId);
    const duplicate = !isSelected && selectedNames.has(name);
    return kubeContext(clusterId, {
      selected: isSelected,
      disabled: duplicate,
      disabledReason: duplicate
        ? `\`${name}\` is already active. Duplicate context names are not allowed.`
        : null,
    });
  });
  contexts.push(
    kubeContext('prod.yaml:orphan', {
      disabled: true,
      disabledReason: 'The context `orphan` names cluster `gone`, which this file does not define.',
    }),
  );
  return {
    sources: [
      { path: '/home/me/.kube/dev.yaml', file: 'dev.yaml', error: null, line: null },
      { path: '/home/me/.kube/prod.yaml', file: 'prod.yaml', error: null, line: null },
      {
        path: '/home/me/.kube/broken.yaml',
        file: 'broken.yaml',
        error: 'mapping values are not allowed here',
        line: 7,
      },
    ],
    contexts,
  };
}

export interface FakeClusterBackend {
  selection: string[];
  /** Snapshot requests seen, as parsed query parameters, by domain. */
  requests: Record<string, URLSearchParams[]>;
  fetchStub: ReturnType<typeof stubBackend>;
}

type SnapshotBuilder = (request: FakeRequest) => Snapshot;

/**
 * Bridge methods keep a real selection (409 duplicate_context like the backend); snapshots of
 * each domain come from `snapshots[domain]`; diagnostics answer an empty report.
 */
export function stubClusterBackend(
  options: {
    selection?: string[];
    snapshots?: Record<string, SnapshotBuilder>;
    extra?: Record<string, FakeRoute>;
  } = {},
): FakeClusterBackend {
  const backend: FakeClusterBackend = {
    selection: [...(options.selection ?? [])],
    requests: {},
    fetchStub: undefined as unknown as ReturnType<typeof stubBackend>,
  };
  const snapshotRoutes: Record<string, FakeRoute> = {};
  for (const [domain, build] of Object.entries(options.snapshots ?? {})) {
    snapshotRoutes[`GET /api/v1/snapshots/${domain}`] = (request) => {
      backend.requests[domain] = [...(backend.requests[domain] ?? []), request.url.searchParams];
      return jsonResponse(build(request));
    };
  }
  backend.fetchStub = stubBackend({
    'GET /api/v1/health': () => jsonResponse({ status: 'ok', version: '0.1.0' }),
    'POST /api/v1/bridge/list_kubeconfigs': () => jsonResponse(listingFor(backend.selection)),
    'POST /api/v1/bridge/get_selection': () =>
      jsonResponse({ selectedClusterIds: backend.selection }),
    'POST /api/v1/bridge/set_selection': ({ init }) => {
      const [ids] = (JSON.parse(String(init?.body)) as { args: [string[]] }).args;
      const names = ids.map((id) => id.slice(id.indexOf(':') + 1));
      const duplicate = names.find((name, index) => names.indexOf(name) !== index);
      if (duplicate) {
        return jsonResponse(
          {
            error: {
              code: 'duplicate_context',
              message: `\`${duplicate}\` is already active. Duplicate context names are not allowed.`,
            },
          },
          409,
        );
      }
      backend.selection = ids;
      return jsonResponse({ selectedClusterIds: ids });
    },
    'GET /api/v1/diagnostics': () => jsonResponse(diagnosticsReport([])),
    ...snapshotRoutes,
    ...options.extra,
  });
  return backend;
}

/** Pods of each scope's cluster: `web-1`, `web-2` in `shop`, clusterName from the id. */
export function podsOf(request: FakeRequest, overrides: Partial<Snapshot> = {}): Snapshot {
  const scopes = request.url.searchParams.getAll('scope');
  const clusterIds = [...new Set(scopes.map((scope) => scope.slice(0, scope.indexOf('|'))))];
  const items = clusterIds.flatMap((clusterId) =>
    ['web-1', 'web-2'].map((name) => podItem(clusterId, name)),
  );
  return snapshot({
    domain: 'pods',
    scopes,
    items,
    clusters: clusterIds.map((id) => clusterPart(id, { itemCount: 2 })),
    ...overrides,
  });
}

/** Namespaces `shop` and `team-a` of each scope's cluster. */
export function namespacesOf(request: FakeRequest): Snapshot {
  const scopes = request.url.searchParams.getAll('scope');
  const clusterIds = scopes.map((scope) => scope.slice(0, scope.indexOf('|')));
  return snapshot({
    domain: 'namespaces',
    scopes,
    items: clusterIds.flatMap((clusterId) =>
      ['shop', 'team-a'].map((name) => namespaceItem(clusterId, name)),
    ),
    clusters: clusterIds.map((id) => clusterPart(id, { itemCount: 2 })),
  });
}
