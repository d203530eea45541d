// generated — do not edit.
// Source: the pydantic models in backend/contract (EXPORTED_MODELS).
// Regenerate: `npm run gen:types` in frontend/, or `uv run python scripts/gen_types.py`.

/** One access review behind an action: a verb on a resource, in a namespace or cluster-wide. */
export interface AccessCheckResult {
  verb: string;
  group: string;
  resource: string;
  subresource: string;
  namespace: string;
  allowed: boolean;
  reason: string | null;
}

export interface ActionPermission {
  action: 'delete' | 'scale' | 'restart' | 'cordon' | 'uncordon' | 'drain' | 'apply';
  applicable: boolean;
  allowed: boolean;
  reason: string | null;
  checks: AccessCheckResult[];
}

export interface ActionPermissions {
  clusterId: string;
  clusterName: string;
  ref: ObjectRef;
  actions: ActionPermission[];
}

/** The body of `POST /api/v1/actions/<action>`. */
export interface ActionRequest {
  ref: ObjectRef;
  params: Record<string, unknown>;
}

/** The answer of a successful action (failures use the error shape, contract §4). */
export interface ActionResult {
  action: 'delete' | 'scale' | 'restart' | 'cordon' | 'uncordon' | 'drain' | 'apply';
  clusterId: string;
  clusterName: string;
  ref: ObjectRef;
  message: string;
  dryRun: boolean;
  object: Record<string, unknown> | null;
  previous: Record<string, unknown> | null;
  pods: DrainedPod[];
}

export interface ApplyParams {
  yaml: string;
  dryRun: boolean;
}

/** `event: change`: which snapshots to fetch again. */
export interface CatalogChange {
  clusterId: string;
  kind: string;
  namespace: string;
  name: string;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  domains: string[];
}

export interface CatalogItem {
  clusterId: string;
  clusterName: string;
  stale: boolean;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
}

/** What the last health probe of one selected cluster found. */
export interface ClusterConnection {
  clusterId: string;
  clusterName: string;
  server: string | null;
  status: 'checking' | 'ready' | 'unreachable' | 'auth_failed' | 'forbidden' | 'timeout' | 'error';
  message: string | null;
  version: string | null;
  checkedAt: string | null;
  latencyMs: number | null;
}

/** The cluster service's part of the diagnostics: connections and recent notices. */
export interface ClusterDiagnostics {
  clusters: ClusterConnection[];
  notices: ClusterNotice[];
}

export interface ClusterDiagnosticsEntry {
  clusterId: string;
  clusterName: string;
  status: string;
  message: string | null;
  lastSyncAt: string | null;
  apiLatencyMs: number | null;
  apiLatencyAt: string | null;
  watches: WatchInfo[];
  permissionIssues: PermissionIssueInfo[];
  connection: ClusterConnection | null;
  namespaceSource: string | null;
  cachedRows: number;
  estimatedBytes: number;
  accessReviews: number;
}

/**
 * `event: cluster` on the catalog stream (§14): a selected cluster's health changed.
 *
 * `status` and `cause` mean what they mean on a snapshot's cluster part, so the UI shows the
 * pushed state and a fetched part in one wording: `cause` is null when ready, else why
 * (`auth_failed` is status `error` with that cause). `message` is the health probe's sentence,
 * the same one the diagnostics and the snapshot parts carry.
 */
export interface ClusterHealth {
  clusterId: string;
  clusterName: string;
  status: 'ready' | 'unreachable' | 'timeout' | 'forbidden' | 'error';
  cause: 'forbidden' | 'unreachable' | 'timeout' | 'auth_failed' | 'error' | null;
  message: string | null;
}

/** Something about kubeconfigs, selection or settings a person should be told. */
export interface ClusterNotice {
  code: string;
  message: string;
  at: string;
  clusterId: string | null;
  path: string | null;
}

export interface DeleteParams {
  propagationPolicy: 'Orphan' | 'Background' | 'Foreground' | null;
  gracePeriodSeconds: number | null;
}

export interface Diagnostics {
  clusters: ClusterDiagnosticsEntry[];
  server: ServerDiagnostics;
}

export interface DrainParams {
  gracePeriodSeconds: number | null;
  timeoutSeconds: number | null;
  force: boolean;
  deleteEmptyDirData: boolean;
}

/** What a drain did with one pod of the node. */
export interface DrainedPod {
  namespace: string;
  name: string;
  outcome: 'evicted' | 'skipped' | 'failed';
  reason: string | null;
  attempts: number;
}

/**
 * `event: dropped`: events were lost — `slow_consumer`, `resume_gap`, `unknown_event_id` or
 * `rate_limited`. `count` is None when it cannot be known (a resume from an id never issued).
 */
export interface Dropped {
  count: number | null;
  reason: string;
  source: string | null;
}

export interface ErrorBody {
  error: ErrorDetail;
}

/** `code` for programs, `message` for people; extra keys name the thing (scope, clusterId…). */
export interface ErrorDetail {
  code: string;
  message: string;
  [key: string]: unknown;
}

export interface Health {
  status: string;
  version: string;
}

export interface InvolvedObject {
  kind: string;
  name: string;
  namespace: string;
  uid: string;
}

/** `event: k8s-event`; `timestamp` is the event's own time. */
export interface KubeEvent {
  scope: string;
  clusterId: string;
  clusterName: string;
  namespace: string;
  type: string;
  reason: string;
  message: string;
  count: number;
  involvedObject: InvolvedObject;
  timestamp: string;
}

/** One context of one file, as the selector lists it. */
export interface KubeconfigContext {
  clusterId: string;
  clusterName: string;
  file: string;
  path: string;
  context: string;
  server: string | null;
  user: string | null;
  namespace: string | null;
  selected: boolean;
  disabled: boolean;
  disabledReason: string | null;
}

/** `list_kubeconfigs()`. */
export interface KubeconfigListing {
  sources: KubeconfigSource[];
  contexts: KubeconfigContext[];
}

/** A file that is (or is meant to be) a kubeconfig; `error` says why it gave no contexts. */
export interface KubeconfigSource {
  path: string;
  file: string;
  error: string | null;
  line: number | null;
}

/** `event: log`. `scope` is the request's scope string exactly as sent. */
export interface LogLine {
  scope: string;
  clusterId: string;
  clusterName: string;
  namespace: string;
  pod: string;
  container: string;
  timestamp: string;
  line: string;
  seq: number;
}

export interface NamespaceItem {
  clusterId: string;
  clusterName: string;
  stale: boolean;
  name: string;
  phase: string;
  createdAt: string;
}

/** `restart`, `cordon`, `uncordon` take no params. */
export type NoParams = Record<string, never>;

/** Names one object in one cluster (contract §1). */
export interface ObjectRef {
  clusterId: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string | null;
}

export interface PermissionIssueInfo {
  group: string;
  resource: string;
  verb: string;
  namespace: string;
  message: string;
}

/** The body of `POST /api/v1/actions/can-i`; `actions` null or absent: every action. */
export interface PermissionQuery {
  ref: ObjectRef;
  actions: ('delete' | 'scale' | 'restart' | 'cordon' | 'uncordon' | 'drain' | 'apply')[] | null;
}

export interface PodItem {
  clusterId: string;
  clusterName: string;
  stale: boolean;
  namespace: string;
  name: string;
  uid: string;
  phase: string;
  status: string;
  ready: string;
  restarts: number;
  node: string;
  createdAt: string;
  ownerKind: string;
  ownerName: string;
}

export interface RefreshClusterResult {
  clusterId: string;
  status: 'ready' | 'loading' | 'stale' | 'forbidden' | 'unreachable' | 'timeout' | 'error';
  message: string | null;
  durationMs: number;
}

export interface RefreshResult {
  clusters: RefreshClusterResult[];
}

/** What every aggregated row carries. */
export interface RowIdentity {
  clusterId: string;
  clusterName: string;
  stale: boolean;
}

export interface ScaleParams {
  replicas: number;
}

/** `get_selection()` / `set_selection(cluster_ids)`: ids in the order the user chose. */
export interface Selection {
  selectedClusterIds: string[];
}

export interface ServerDiagnostics {
  openStreams: number;
  cachedRows: number;
  estimatedBytes: number;
  sortedRuns: number;
  notices: ClusterNotice[];
}

export interface Snapshot {
  domain: string;
  selectedClusterIds: string[];
  scopes: string[];
  version: string;
  generatedAt: string;
  clusters: SnapshotClusterPart[];
  items: Record<string, unknown>[];
  total: number;
}

export interface SnapshotClusterPart {
  clusterId: string;
  clusterName: string;
  status: 'ready' | 'loading' | 'stale' | 'forbidden' | 'unreachable' | 'timeout' | 'error';
  message: string | null;
  itemCount: number;
  durationMs: number;
  cause: 'forbidden' | 'unreachable' | 'timeout' | 'auth_failed' | 'error' | null;
  version: string;
}

/** `event: status`: a source started, ended, failed or reconnects. */
export interface SourceStatus {
  clusterId: string;
  source: string;
  status:
    | 'started'
    | 'ended'
    | 'reconnecting'
    | 'forbidden'
    | 'not_found'
    | 'unreachable'
    | 'error'
    | 'rate_limited';
  message: string | null;
}

/** One kind's cache in one cluster, and its list+watch loops. */
export interface WatchInfo {
  kind: string;
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
  state: string;
  message: string;
  items: number;
  lastSyncAt: string | null;
  scopes: string[];
  listRequests: number;
  watchRequests: number;
  relistsAfterGone: number;
  errors: number;
}
