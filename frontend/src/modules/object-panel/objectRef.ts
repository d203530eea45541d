/**
 * The object reference (CONTRACT §1) of a table row: the row's own clusterId, and the group and
 * version from the row (`group`/`version`, or `apiVersion`), else from the view's kind.
 */
import type { SnapshotRow } from '../../core/refresh/pagedSnapshot';
import type { ObjectRef } from '../../core/types.generated';
import { stringField } from '../../shared/components/tables/rowFields';

/** group/version of the kinds the built-in views show. */
const KNOWN_KINDS: Record<string, [group: string, version: string]> = {
  Pod: ['', 'v1'],
  Node: ['', 'v1'],
  Namespace: ['', 'v1'],
  Service: ['', 'v1'],
  Endpoints: ['', 'v1'],
  ConfigMap: ['', 'v1'],
  Secret: ['', 'v1'],
  ServiceAccount: ['', 'v1'],
  PersistentVolume: ['', 'v1'],
  PersistentVolumeClaim: ['', 'v1'],
  Event: ['', 'v1'],
  ResourceQuota: ['', 'v1'],
  LimitRange: ['', 'v1'],
  Deployment: ['apps', 'v1'],
  StatefulSet: ['apps', 'v1'],
  DaemonSet: ['apps', 'v1'],
  ReplicaSet: ['apps', 'v1'],
  Job: ['batch', 'v1'],
  CronJob: ['batch', 'v1'],
  Ingress: ['networking.k8s.io', 'v1'],
  IngressClass: ['networking.k8s.io', 'v1'],
  NetworkPolicy: ['networking.k8s.io', 'v1'],
  EndpointSlice: ['discovery.k8s.io', 'v1'],
  StorageClass: ['storage.k8s.io', 'v1'],
  Role: ['rbac.authorization.k8s.io', 'v1'],
  RoleBinding: ['rbac.authorization.k8s.io', 'v1'],
  ClusterRole: ['rbac.authorization.k8s.io', 'v1'],
  ClusterRoleBinding: ['rbac.authorization.k8s.io', 'v1'],
  HorizontalPodAutoscaler: ['autoscaling', 'v2'],
  PodDisruptionBudget: ['policy', 'v1'],
  CustomResourceDefinition: ['apiextensions.k8s.io', 'v1'],
};

/** The reference of `row`, or null when the row lacks a clusterId or a name. */
export function objectRefOf(row: SnapshotRow, defaultKind?: string): ObjectRef | null {
  const clusterId = stringField(row, 'clusterId');
  const name = stringField(row, 'name');
  const kind = stringField(row, 'kind') || defaultKind || '';
  if (!clusterId || !name || !kind) return null;
  const [group, version] = groupVersionOf(row, kind);
  const uid = stringField(row, 'uid');
  return {
    clusterId,
    group,
    version,
    kind,
    namespace: stringField(row, 'namespace'),
    name,
    uid: uid || null,
  };
}

function groupVersionOf(row: SnapshotRow, kind: string): [string, string] {
  const version = stringField(row, 'version');
  if (version) return [stringField(row, 'group'), version];
  const apiVersion = stringField(row, 'apiVersion');
  if (apiVersion) {
    const slash = apiVersion.indexOf('/');
    return slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
  }
  return groupVersionOfKind(kind);
}

/** group and version of a built-in kind; ['', ''] for kinds this table does not know. */
export function groupVersionOfKind(kind: string): [group: string, version: string] {
  return KNOWN_KINDS[kind] ?? ['', ''];
}
