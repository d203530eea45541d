// generated — do not edit.
// Source: the pydantic models in backend/contract (exported_models()).
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
    | 'rollback'
    | 'pause'
    | 'resume'
    | 'trigger'
    | 'helm-rollback'
    | 'helm-uninstall'
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
  action:
    | 'delete'
    | 'scale'
    | 'restart'
    | 'cordon'
    | 'uncordon'
    | 'drain'
    | 'apply'
    | 'rollback'
    | 'pause'
    | 'resume'
    | 'trigger'
    | 'helm-rollback'
    | 'helm-uninstall';
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

/**
 * How a bridge call fails (contract §5): pywebview rejects the page's promise with a message
 * only, so the message is this, as JSON, with the HTTP status the same failure would have had.
 */
export interface BridgeError {
  error: ErrorDetail;
  status: number;
}

export interface BulkItem {
  clusterId: string;
  clusterName: string;
  ref: ObjectRef;
  outcome:
    | 'ok'
    | 'forbidden'
    | 'read_only'
    | 'confirmation_required'
    | 'not_found'
    | 'timeout'
    | 'unreachable'
    | 'failed';
  message: string;
  code: string | null;
}

export interface BulkRequest {
  action: 'delete' | 'scale' | 'restart' | 'cordon' | 'uncordon';
  refs: ObjectRef[];
  params: Record<string, unknown>;
  confirmClusterNames: Record<string, string>;
  timeoutSeconds: number;
}

export interface BulkResult {
  action: 'delete' | 'scale' | 'restart' | 'cordon' | 'uncordon';
  items: BulkItem[];
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

/** Base of the payloads about one cluster: its id and name come first. */
export interface ClusterModel {
  clusterId: string;
  clusterName: string;
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
  metrics: 'available' | 'unavailable' | 'forbidden' | null;
  cpuCapacityMillicores: number | null;
  memoryCapacityBytes: number | null;
  cpuAllocatableMillicores: number | null;
  memoryAllocatableBytes: number | null;
  cpuRequestsMillicores: number | null;
  memoryRequestsBytes: number | null;
  cpuLimitsMillicores: number | null;
  memoryLimitsBytes: number | null;
  cpuUsageMillicores: number | null;
  memoryUsageBytes: number | null;
  status: 'ready' | 'loading' | 'stale' | 'forbidden' | 'unreachable' | 'timeout' | 'error';
  message: string | null;
  stale: boolean;
}

/** One entry: which clusters it applies to and what it says about them (unset: no say). */
export interface ClusterRule {
  match: string;
  alias: string | null;
  color: string | null;
  protection: 'none' | 'read-only' | 'confirm' | null;
}

/** The body of `PUT /api/v1/cluster-settings`: the whole list, replacing the stored one. */
export interface ClusterRulesUpdate {
  rules: ClusterRule[];
}

/**
 * What the rules mean for one cluster: an exact clusterId rule first, then globs in order;
 * each field comes from the first rule that sets it.
 */
export interface ClusterSettings {
  clusterId: string;
  clusterName: string;
  alias: string | null;
  color: string | null;
  protection: 'none' | 'read-only' | 'confirm';
}

export interface ClusterSettingsView {
  rules: ClusterRule[];
  clusters: ClusterSettings[];
  problems: string[];
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

export interface ContainerFacts {
  name: string;
  image: string;
  state: string;
  ready: boolean;
  restarts: number;
  ports: string[];
  requests: Record<string, string>;
  limits: Record<string, string>;
  probes: string[];
}

export interface ContainerImage {
  container: string;
  image: string;
}

export interface ContainerUsage {
  name: string;
  cpuMillicores: number | null;
  memoryBytes: number | null;
}

export interface CronJobFacts {
  kind: 'CronJob';
  schedule: string;
  timeZone: string;
  suspend: boolean;
  concurrencyPolicy: string;
  lastSchedule: string;
  lastSuccessful: string;
  active: string[];
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
  cpuMillicores: number | null;
  memoryBytes: number | null;
  desired: number;
  current: number;
  ready: number;
  upToDate: number;
  available: number;
}

export interface DataFacts {
  kind: 'ConfigMap' | 'Secret';
  type: string;
  keys: DataKeyFacts[];
}

export interface DataKeyFacts {
  key: string;
  bytes: number;
  binary: boolean;
}

/** A port a port-forward may name: a Service's port, or a port a container declares. */
export interface DeclaredPort {
  port: number;
  protocol: string;
  name: string | null;
  container: string | null;
  targetPort: string | null;
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
  cpuMillicores: number | null;
  memoryBytes: number | null;
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

export interface DriftCell {
  clusterId: string;
  present: boolean;
  facts: Record<string, string>;
  read: boolean;
}

export interface DriftCluster {
  clusterId: string;
  clusterName: string;
  status: 'ready' | 'partial' | 'timeout' | 'unreachable' | 'forbidden' | 'error';
  message: string | null;
}

export interface DriftReport {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ConfigMap' | 'Secret';
  clusters: DriftCluster[];
  rows: DriftRow[];
  truncated: boolean;
}

export interface DriftRow {
  namespace: string;
  name: string;
  differing: string[];
  missing: string[];
  score: number;
  cells: DriftCell[];
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

export interface EndpointFacts {
  address: string;
  ready: boolean;
  pod: string;
  node: string;
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

/**
 * What every view of a release revision says: its number, state and chart. `error` says why
 * the revision could not be decoded (the other fields then come from the storage object's
 * labels, or are empty).
 */
export interface HelmChartRevision {
  revision: number;
  status: string;
  chart: string;
  chartVersion: string;
  appVersion: string;
  updatedAt: string;
  error: string | null;
}

/** The one item of `helm-release` (scope `<clusterId>|helm:<ns>/<name>`). */
export interface HelmReleaseDetail {
  revision: number;
  status: string;
  chart: string;
  chartVersion: string;
  appVersion: string;
  updatedAt: string;
  error: string | null;
  clusterId: string;
  clusterName: string;
  namespace: string;
  name: string;
  history: HelmRevision[];
  values: Record<string, JsonValue>;
  computedValues: Record<string, JsonValue>;
  valuesYaml: string;
  computedValuesYaml: string;
  manifest: string;
  notes: string;
  resources: HelmResourceRef[];
}

/** A row of `helm-releases`: the latest revision of a release, never its values or manifest. */
export interface HelmReleaseItem {
  revision: number;
  status: string;
  chart: string;
  chartVersion: string;
  appVersion: string;
  updatedAt: string;
  error: string | null;
  clusterId: string;
  clusterName: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  storage: string;
  stale: boolean;
}

/** An object the release's manifest names, as a reference for the object panel. */
export interface HelmResourceRef {
  clusterId: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
}

export interface HelmRevision {
  revision: number;
  status: string;
  chart: string;
  chartVersion: string;
  appVersion: string;
  updatedAt: string;
  error: string | null;
  description: string;
}

export interface HelmRollbackParams {
  revision: number;
}

/** `helm-uninstall` takes no params. */
export type HelmUninstallParams = Record<string, never>;

/** The body of `POST /api/v1/rollouts/history`. */
export interface HistoryRequest {
  ref: ObjectRef;
}

export interface IngressFacts {
  kind: 'Ingress';
  className: string;
  rules: IngressRuleFacts[];
  tlsHosts: string[];
  addresses: string[];
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

export interface IngressRuleFacts {
  host: string;
  path: string;
  backend: string;
}

/** What an event is about; `apiVersion` as the event names it ("apps/v1", "v1"). */
export interface InvolvedObject {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
  uid: string;
}

export interface JobFacts {
  kind: 'Job';
  completions: number | null;
  parallelism: number | null;
  succeeded: number;
  failed: number;
  active: number;
  started: string;
  completed: string;
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
  cpuMillicores: number | null;
  memoryBytes: number | null;
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

export interface NodeAddressFacts {
  type: string;
  address: string;
}

export interface NodeFacts {
  kind: 'Node';
  capacity: Record<string, string>;
  allocatable: Record<string, string>;
  taints: TaintFacts[];
  addresses: NodeAddressFacts[];
  kubeletVersion: string;
  osImage: string;
  kernelVersion: string;
  containerRuntime: string;
  architecture: string;
  unschedulable: boolean;
  podCidrs: string[];
}

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
  cpuAllocatableMillicores: number | null;
  memoryAllocatableBytes: number | null;
  cpuMillicores: number | null;
  memoryBytes: number | null;
  cpuPercent: number | null;
  memoryPercent: number | null;
}

/** One of the object's `status.conditions`; what a custom resource leaves out is null. */
export interface ObjectCondition {
  type: string;
  status: string;
  reason: string | null;
  message: string | null;
  lastTransitionTime: string | null;
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
  ownerReferences: OwnerReference[];
  conditions: ObjectCondition[];
  summary: ObjectSummary;
  facts:
    | PodFacts
    | WorkloadFacts
    | ServiceFacts
    | IngressFacts
    | DataFacts
    | NodeFacts
    | JobFacts
    | CronJobFacts
    | null;
  related: RelatedObject[];
  relatedNotes: string[];
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

/**
 * `object-metrics`: the last minutes of a pod's or node's usage, for its chart. Asking
 * keeps it recorded (one sample per poll, `resolutionSeconds` apart).
 */
export interface ObjectMetricsItem {
  clusterId: string;
  clusterName: string;
  kind: string;
  namespace: string;
  name: string;
  metrics: 'available' | 'unavailable' | 'forbidden';
  resolutionSeconds: number;
  samples: UsageSample[];
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

/**
 * What the panel's actions read (scale, cordon, port-forward, logs, terminal) and, for
 * kinds without facts of their own, the spec's keys.
 */
export interface ObjectSummary {
  replicas: number | null;
  unschedulable: boolean | null;
  containers: string[];
  initContainers: string[];
  ephemeralContainers: string[];
  ports: DeclaredPort[];
  specKeys: string[];
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
  yamlWithManagedFields: string;
  masked: boolean;
}

/** One of the object's `metadata.ownerReferences`. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller: boolean;
  blockOwnerDeletion: boolean;
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
    | (
        | 'delete'
        | 'scale'
        | 'restart'
        | 'cordon'
        | 'uncordon'
        | 'drain'
        | 'apply'
        | 'rollback'
        | 'pause'
        | 'resume'
        | 'trigger'
        | 'helm-rollback'
        | 'helm-uninstall'
        | 'exec'
        | 'debug'
        | 'port-forward'
      )[]
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

export interface PodFacts {
  kind: 'Pod';
  phase: string;
  node: string;
  podIps: string[];
  hostIp: string;
  qosClass: string;
  serviceAccount: string;
  containers: ContainerFacts[];
  initContainers: ContainerFacts[];
  volumes: VolumeFacts[];
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
  cpuRequestMillicores: number | null;
  cpuLimitMillicores: number | null;
  memoryRequestBytes: number | null;
  memoryLimitBytes: number | null;
  cpuMillicores: number | null;
  memoryBytes: number | null;
  cpuRequestPercent: number | null;
  cpuLimitPercent: number | null;
  memoryRequestPercent: number | null;
  memoryLimitPercent: number | null;
}

/** One forward: 127.0.0.1:`localPort` → `remotePort` of `ref` (through the pod `pod`). */
export interface PortForward {
  id: string;
  clusterId: string;
  clusterName: string;
  ref: ObjectRef;
  remotePort: number;
  localPort: number;
  pod: string;
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

/** An object linked to the one shown, in the same cluster (the panel opens it there). */
export interface RelatedObject {
  relation: string;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  status: string;
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
  cpuMillicores: number | null;
  memoryBytes: number | null;
  desired: number;
  current: number;
  ready: number;
  ownerKind: string;
  ownerName: string;
}

/** One revision: a ReplicaSet (Deployment) or a ControllerRevision (StatefulSet, DaemonSet). */
export interface Revision {
  revision: number;
  sourceKind: string;
  sourceName: string;
  createdAt: string | null;
  images: string[];
  changeCause: string | null;
  current: boolean;
  template: Record<string, unknown>;
  templateYaml: string;
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

/** `rollback`: roll the workload's pod template back to this revision's. */
export interface RollbackParams {
  revision: number;
}

export interface RolloutHistory {
  clusterId: string;
  clusterName: string;
  ref: ObjectRef;
  paused: boolean;
  revisions: Revision[];
}

export interface ScaleParams {
  replicas: number;
}

/**
 * One cluster's hits, best first, and the truth about the cluster: a `stale` cluster's
 * hits come from caches that stopped being current.
 */
export interface SearchClusterGroup {
  clusterId: string;
  clusterName: string;
  status: 'ready' | 'loading' | 'stale' | 'forbidden' | 'unreachable' | 'timeout' | 'error';
  message: string | null;
  cause: 'forbidden' | 'unreachable' | 'timeout' | 'auth_failed' | 'error' | null;
  hits: SearchHit[];
  total: number;
  totalCapped: boolean;
  searchedKinds: number;
}

/** One object whose name matches; enough to open it (contract §1's object reference). */
export interface SearchHit {
  clusterId: string;
  group: string;
  version: string;
  kind: string;
  resource: string;
  namespace: string;
  name: string;
  uid: string;
  match: 'exact' | 'prefix' | 'substring';
}

export interface SearchResult {
  query: string;
  kind: string | null;
  limit: number;
  totalCap: number;
  clusters: SearchClusterGroup[];
  durationMs: number;
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

export interface SecretReveal {
  clusterId: string;
  clusterName: string;
  namespace: string;
  name: string;
  key: string;
  base64: string;
  text: string | null;
  bytes: number;
}

/** `POST /api/v1/secrets/reveal`: one key of one Secret, asked for explicitly. */
export interface SecretRevealRequest {
  ref: ObjectRef;
  key: string;
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
  openTerminals: number;
  openLogFollows: number;
  notices: ClusterNotice[];
}

export interface ServiceFacts {
  kind: 'Service';
  type: string;
  clusterIps: string[];
  external: string[];
  ports: ServicePortFacts[];
  selector: Record<string, string>;
  endpoints: EndpointFacts[];
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

export interface ServicePortFacts {
  name: string;
  protocol: string;
  port: number;
  targetPort: string;
  nodePort: number | null;
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
  metrics: 'available' | 'unavailable' | 'forbidden' | null;
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
  | ObjectYamlItem
  | ObjectMetricsItem
  | HelmReleaseItem
  | HelmReleaseDetail;

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
  cpuMillicores: number | null;
  memoryBytes: number | null;
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

export interface TaintFacts {
  key: string;
  value: string;
  effect: string;
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

export interface UsageSample {
  at: string;
  cpuMillicores: number | null;
  memoryBytes: number | null;
  containers: ContainerUsage[];
}

export interface VolumeFacts {
  name: string;
  type: string;
  source: string;
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

export interface WorkloadFacts {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet';
  strategy: string;
  replicas: number | null;
  ready: number;
  updated: number;
  available: number;
  selector: Record<string, string>;
  images: ContainerImage[];
  paused: boolean;
}

/** A workload's row, with the usage of its pods. */
export interface WorkloadItem {
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
  cpuMillicores: number | null;
  memoryBytes: number | null;
}
