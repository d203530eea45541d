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
  action:
    | 'delete'
    | 'scale'
    | 'restart'
    | 'cordon'
    | 'uncordon'
    | 'drain'
    | 'apply'
    | 'exec'
    | 'debug'
    | 'port-forward';
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

/** `POST /api/v1/bridge/{method}`: the positional arguments of a desktop bridge method. */
export interface BridgeCall {
  args: JsonValue[];
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
  aggregatedDiscovery: boolean | null;
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

/** `cluster-overview`: one summary row per cluster. */
export interface ClusterOverviewItem {
  clusterId: string;
  clusterName: string;
  name: string;
  namespace: string;
  version: string | null;
  nodesReady: number;
  nodesTotal: number;
  nodesVisible: boolean;
  podPhases: Record<string, number>;
  podsTotal: number;
  warningEvents: number;
  namespaces: number;
  status: 'ready' | 'loading' | 'stale' | 'forbidden' | 'unreachable' | 'timeout' | 'error';
  message: string | null;
  stale: boolean;
}

export interface ConfigMapItem {
  clusterId: string;
  clusterName: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  stale: boolean;
  keys: number;
}

export interface CronJobItem {
  clusterId: string;
  clusterName: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  stale: boolean;
  schedule: string;
  suspend: boolean;
  active: number;
  lastSchedule: string | null;
}

export interface CustomResourceDefinitionItem {
  clusterId: string;
  clusterName: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  stale: boolean;
  specGroup: string;
  specKind: string;
  plural: string;
  scope: string;
  versions: string[];
  established: boolean;
}

export interface DaemonSetItem {
  clusterId: string;
  clusterName: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  stale: boolean;
  desired: number;
  current: number;
  ready: number;
  upToDate: number;
  available: number;
}

export interface DeleteParams {
  propagationPolicy: 'Orphan' | 'Background' | 'Foreground' | null;
  gracePeriodSeconds: number | null;
}

export interface DeploymentItem {
  clusterId: string;
  clusterName: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  stale: boolean;
  replicas: number;
  ready: string;
  readyReplicas: number;
  upToDate: number;
  available: number;
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

export interface EventItem {
  clusterId: string;
  clusterName: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  stale: boolean;
  type: string;
  reason: string;
  message: string;
  count: number;
  involvedObject: InvolvedObject;
  timestamp: string;
}

export interface Health {
  status: string;
  version: string;
}

export interface IngressItem {
  clusterId: string;
  clusterName: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  stale: boolean;
  className: string;
  hosts: string[];
  address: string;
}

/** What an event is about; `apiVersion` as the event names it ("apps/v1", "v1"). */
export interface InvolvedObject {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
  uid: string;
}

export interface JobItem {
  clusterId: string;
  clusterName: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  stale: boolean;
  completions: string;
  succeeded: number;
  failed: number;
  active: number;
  startTime: string | null;
  completionTime: string | null;
  ownerKind: string;
  ownerName: string;
}

export type JsonValue = unknown;

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
  late: boolean;
}

export interface NamespaceItem {
  clusterId: string;
  clusterName: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  stale: boolean;
  phase: string;
}

/** `restart`, `cordon`, `uncordon` take no params. */
export type NoParams = Record<string, never>;

export interface NodeItem {
  clusterId: string;
  clusterName: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  stale: boolean;
  status: 'Ready' | 'NotReady';
  ready: string;
  roles: string[];
  kubeletVersion: string;
  cpuCapacity: string;
  memoryCapacity: string;
  unschedulable: boolean;
}

/** `object-details`: the facts of one object, fetched on demand (Secret values masked). */
export interface ObjectDetailsItem {
  clusterId: string;
  clusterName: string;
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  resourceVersion: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  ownerReferences: Record<string, JsonValue>[];
  conditions: Record<string, JsonValue>[];
  summary: Record<string, JsonValue>;
}

/**
 * A row of any kind: what every list row carries, and all a kind without its own table
 * (a custom resource, say) has.
 */
export interface ObjectItem {
  clusterId: string;
  clusterName: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  stale: boolean;
}

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

/** A snapshot of one object's domain (`object-details`, `object-yaml`, `object-events`). */
export interface ObjectSnapshot {
  domain: string;
  selectedClusterIds: string[];
  scopes: string[];
  version: string;
  generatedAt: string;
  clusters: SnapshotClusterPart[];
  items: SnapshotItem[];
  total: number;
  clusterId: string;
  clusterName: string;
  object: ObjectRef;
}

/** `object-yaml`: the object as YAML without managedFields (Secret values masked). */
export interface ObjectYamlItem {
  clusterId: string;
  clusterName: string;
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  yaml: string;
  masked: boolean;
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
  actions:
    | ('delete' | 'scale' | 'restart' | 'cordon' | 'uncordon' | 'drain' | 'apply' | 'exec' | 'debug' | 'port-forward')[]
    | null;
}

export interface PersistentVolumeClaimItem {
  clusterId: string;
  clusterName: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  stale: boolean;
  status: string;
  volume: string;
  capacity: string;
  accessModes: string;
  storageClass: string;
}

export interface PersistentVolumeItem {
  clusterId: string;
  clusterName: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  stale: boolean;
  capacity: string;
  accessModes: string;
  reclaimPolicy: string;
  status: string;
  claim: string;
  storageClass: string;
}

export interface PodItem {
  clusterId: string;
  clusterName: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  stale: boolean;
  phase: string;
  status: string;
  ready: string;
  restarts: number;
  node: string;
  ownerKind: string;
  ownerName: string;
  labels: Record<string, string>;
}

/** One forward: 127.0.0.1:`localPort` → `remotePort` of `ref` (through the pod `pod`). */
export interface PortForward {
  id: string;
  clusterId: string;
  clusterName: string;
  ref: ObjectRef;
  remotePort: number;
  localPort: number;
  pod: string | null;
  status: 'active' | 'reconnecting' | 'failed';
  message: string | null;
  connections: number;
}

/**
 * `event: port-forward` of the catalog stream: a forward was created or changed (`updated`),
 * or stopped (`removed`: by DELETE, or its cluster was deselected).
 */
export interface PortForwardEvent {
  type: 'updated' | 'removed';
  forward: PortForward;
}

/** `GET /api/v1/port-forwards`. */
export interface PortForwardList {
  items: PortForward[];
}

/**
 * `POST /api/v1/port-forwards`. For a Service `remotePort` is the service port; for a Pod or a
 * workload the container port. `localPort` null, absent or 0: a free port.
 */
export interface PortForwardRequest {
  ref: ObjectRef;
  remotePort: number;
  localPort: number | null;
}

export interface RefreshClusterResult {
  clusterId: string;
  status: 'ready' | 'loading' | 'stale' | 'forbidden' | 'unreachable' | 'timeout' | 'error';
  message: string | null;
  durationMs: number;
}

/** `POST /api/v1/refresh/{domain}`; no scopes means every selected cluster. */
export interface RefreshRequest {
  scopes: string[];
}

export interface RefreshResult {
  clusters: RefreshClusterResult[];
}

export interface ReplicaSetItem {
  clusterId: string;
  clusterName: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  stale: boolean;
  desired: number;
  current: number;
  ready: number;
  ownerKind: string;
  ownerName: string;
}

/** A RoleBinding or ClusterRoleBinding. */
export interface RoleBindingItem {
  clusterId: string;
  clusterName: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  stale: boolean;
  roleKind: string;
  roleName: string;
  subjects: string[];
}

/** A Role or ClusterRole. */
export interface RoleItem {
  clusterId: string;
  clusterName: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  stale: boolean;
  rules: number;
}

export interface ScaleParams {
  replicas: number;
}

export interface SecretItem {
  clusterId: string;
  clusterName: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  stale: boolean;
  type: string;
  keys: number;
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

export interface ServiceItem {
  clusterId: string;
  clusterName: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  stale: boolean;
  type: string;
  clusterIP: string;
  ports: string;
  selector: Record<string, string>;
}

export interface Snapshot {
  domain: string;
  selectedClusterIds: string[];
  scopes: string[];
  version: string;
  generatedAt: string;
  clusters: SnapshotClusterPart[];
  items: SnapshotItem[];
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

export type SnapshotItem =
  | NamespaceItem
  | NodeItem
  | PodItem
  | DeploymentItem
  | StatefulSetItem
  | DaemonSetItem
  | ReplicaSetItem
  | JobItem
  | CronJobItem
  | ServiceItem
  | IngressItem
  | ConfigMapItem
  | SecretItem
  | PersistentVolumeClaimItem
  | PersistentVolumeItem
  | StorageClassItem
  | RoleItem
  | RoleBindingItem
  | EventItem
  | CustomResourceDefinitionItem
  | ObjectItem
  | ClusterOverviewItem
  | ObjectDetailsItem
  | ObjectYamlItem;

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

export interface StatefulSetItem {
  clusterId: string;
  clusterName: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  stale: boolean;
  replicas: number;
  ready: string;
  readyReplicas: number;
  current: number;
  upToDate: number;
}

export interface StorageClassItem {
  clusterId: string;
  clusterName: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  stale: boolean;
  provisioner: string;
  reclaimPolicy: string;
  volumeBindingMode: string;
  isDefault: boolean;
}

/**
 * Server → client: the session failed or was ended (the socket then closes 1011).
 *
 * Codes: `pod_not_found`, `container_not_found`, `forbidden`, `cluster_timeout`,
 * `cluster_unreachable`, `connection_lost`, `no_shell`, `command_failed`, `exec_refused`,
 * `cluster_deselected`, `app_closing`, `bad_message`, `debug_failed`.
 */
export interface TerminalError {
  type: 'error';
  code: string;
  message: string;
}

/** Server → client: the process ended with this exit code (the socket then closes 1000). */
export interface TerminalExit {
  type: 'exit';
  code: number;
}

/** Client → server: the terminal's new size in character cells. */
export interface TerminalResize {
  type: 'resize';
  cols: number;
  rows: number;
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
