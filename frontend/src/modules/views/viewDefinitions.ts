/**
 * The app's views. Table views name their snapshot domain, columns (Cluster first, from the shared
 * factories) and filter options; `live` views have components of their own.
 */
import {
  ageColumn,
  clusterColumn,
  firstFieldColumn,
  formatBytes,
  formatCpu,
  numberColumn,
  percentColumn,
  statusColumn,
  textColumn,
  usageColumn,
} from '../../shared/components/tables/columns';
import type { GridColumn, GridSort } from '../../shared/components/tables/gridColumn';
import { displayText, fieldOf, stringField } from '../../shared/components/tables/rowFields';

export interface TableViewDefinition {
  type: 'table';
  id: string;
  title: string;
  domain: string;
  columns: GridColumn[];
  /** The domain has no namespaces: the sidebar's choices and the Namespaces filter do not apply. */
  clusterScoped?: boolean;
  /** Options of the Kinds filter; kinds seen in the rows are added. Undefined: no Kinds filter. */
  kinds?: string[];
  /** Add columns for row fields the definition does not name (domains with open fields). */
  deriveColumns?: boolean;
  defaultSort?: GridSort;
  /** Rows open their own panel instead of the object panel (Helm releases). */
  opens?: 'helm-release';
  /** The rows keep their labels: the label selector filter is offered. */
  labels?: boolean;
}

export interface LiveViewDefinition {
  type: 'events' | 'logs' | 'drift';
  id: string;
  title: string;
}

export type ViewDefinition = TableViewDefinition | LiveViewDefinition;

const table = (view: Omit<TableViewDefinition, 'type'>): TableViewDefinition => ({
  type: 'table',
  ...view,
});

const namespace = () => textColumn('namespace', 'Namespace', 140);
const name = (width = 240) => textColumn('name', 'Name', width);
const kind = () => textColumn('kind', 'Kind', 130);

const ownerColumn: GridColumn = {
  id: 'owner',
  header: 'Owner',
  width: 200,
  sortField: 'ownerName',
  text: (row) => {
    const ownerName = stringField(row, 'ownerName');
    return ownerName ? `${stringField(row, 'ownerKind')}/${ownerName}` : '';
  },
};

const nodesColumn: GridColumn = {
  id: 'nodes',
  header: 'Nodes ready',
  width: 100,
  sortField: 'nodesReady',
  align: 'end',
  text: (row) =>
    fieldOf(row, 'nodesVisible') === false
      ? 'hidden'
      : `${displayText(fieldOf(row, 'nodesReady'))}/${displayText(fieldOf(row, 'nodesTotal'))}`,
};

const podStatusColumn: GridColumn = {
  ...statusColumn('status', 'Status'),
  text: (row) => displayText(fieldOf(row, 'status')) || displayText(fieldOf(row, 'phase')),
};

export const VIEWS: ViewDefinition[] = [
  table({
    id: 'overview',
    title: 'Cluster overview',
    domain: 'cluster-overview',
    clusterScoped: true,
    columns: [
      clusterColumn(),
      statusColumn('status', 'Status', 110),
      textColumn('version', 'Version', 110),
      nodesColumn,
      numberColumn('podsTotal', 'Pods', 70),
      textColumn('podPhases', 'Pod phases', 220, { sortable: false }),
      usageColumn('cpuUsageMillicores', 'CPU used', formatCpu, 100),
      usageColumn('cpuRequestsMillicores', 'CPU requests', formatCpu, 120),
      usageColumn('cpuAllocatableMillicores', 'CPU allocatable', formatCpu, 135),
      usageColumn('memoryUsageBytes', 'Memory used', formatBytes, 125),
      usageColumn('memoryRequestsBytes', 'Memory requests', formatBytes, 145),
      usageColumn('memoryAllocatableBytes', 'Memory allocatable', formatBytes, 160),
      numberColumn('warningEvents', 'Warnings', 90),
      numberColumn('namespaces', 'Namespaces', 100),
      textColumn('message', 'Message', 260, { sortable: false }),
    ],
  }),
  table({
    id: 'nodes',
    title: 'Nodes',
    domain: 'nodes',
    clusterScoped: true,
    columns: [
      clusterColumn(),
      name(220),
      statusColumn('status', 'Status'),
      usageColumn('cpuMillicores', 'CPU used', formatCpu),
      percentColumn('cpuPercent', 'CPU %', 70),
      usageColumn('memoryBytes', 'Mem used', formatBytes),
      percentColumn('memoryPercent', 'Mem %', 70),
      textColumn('roles', 'Roles', 140),
      firstFieldColumn('kubeletVersion', 'Version', ['kubeletVersion', 'nodeVersion'], 120),
      usageColumn('cpuAllocatableMillicores', 'CPU alloc.', formatCpu),
      usageColumn('memoryAllocatableBytes', 'Mem alloc.', formatBytes),
      firstFieldColumn('cpu', 'CPU', ['cpuCapacity', 'cpu'], 80),
      firstFieldColumn('memory', 'Memory', ['memoryCapacity', 'memory'], 100),
      textColumn('unschedulable', 'Unschedulable', 110),
      ageColumn(),
    ],
  }),
  table({
    id: 'pods',
    labels: true,
    title: 'Pods',
    domain: 'pods',
    columns: [
      clusterColumn(),
      namespace(),
      name(),
      podStatusColumn,
      textColumn('ready', 'Ready', 70),
      numberColumn('restarts', 'Restarts'),
      usageColumn('cpuMillicores', 'CPU', formatCpu, 80),
      usageColumn('memoryBytes', 'Memory', formatBytes, 90),
      textColumn('node', 'Node', 160),
      ownerColumn,
      ageColumn(),
      percentColumn('cpuRequestPercent', 'CPU % req', 90),
      percentColumn('cpuLimitPercent', 'CPU % lim', 90),
      percentColumn('memoryRequestPercent', 'Mem % req', 90),
      percentColumn('memoryLimitPercent', 'Mem % lim', 90),
    ],
  }),
  table({
    id: 'workloads',
    labels: true,
    title: 'Workloads',
    domain: 'workloads',
    kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'],
    columns: [
      clusterColumn(),
      kind(),
      namespace(),
      name(),
      textColumn('ready', 'Ready', 80),
      numberColumn('upToDate', 'Up to date'),
      numberColumn('available', 'Available'),
      usageColumn('cpuMillicores', 'CPU', formatCpu, 80),
      usageColumn('memoryBytes', 'Memory', formatBytes, 90),
      ageColumn(),
    ],
  }),
  table({
    id: 'config',
    title: 'Config',
    domain: 'config',
    kinds: ['ConfigMap', 'Secret'],
    columns: [
      clusterColumn(),
      kind(),
      namespace(),
      name(),
      numberColumn('keys', 'Keys'),
      ageColumn(),
    ],
  }),
  table({
    id: 'network',
    title: 'Network',
    domain: 'network',
    kinds: ['Service', 'Ingress', 'NetworkPolicy'],
    columns: [
      clusterColumn(),
      kind(),
      namespace(),
      name(),
      textColumn('type', 'Type', 110),
      textColumn('clusterIP', 'Cluster IP', 130),
      textColumn('ports', 'Ports', 160, { sortable: false }),
      ageColumn(),
    ],
  }),
  table({
    id: 'storage',
    title: 'Storage',
    domain: 'storage',
    kinds: ['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass'],
    columns: [clusterColumn(), kind(), namespace(), name(), ageColumn()],
    deriveColumns: true,
  }),
  table({
    id: 'rbac',
    title: 'RBAC',
    domain: 'rbac',
    kinds: ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding', 'ServiceAccount'],
    columns: [clusterColumn(), kind(), namespace(), name(), ageColumn()],
    deriveColumns: true,
  }),
  table({
    id: 'custom-resources',
    title: 'Custom resources',
    domain: 'custom-resources',
    kinds: [],
    columns: [
      clusterColumn(),
      kind(),
      textColumn('group', 'Group', 180),
      namespace(),
      name(),
      ageColumn(),
    ],
    deriveColumns: true,
  }),
  table({
    id: 'helm',
    title: 'Helm releases',
    domain: 'helm-releases',
    opens: 'helm-release',
    columns: [
      clusterColumn(),
      namespace(),
      name(180),
      numberColumn('revision', 'Revision', 80),
      statusColumn('status', 'Status', 100),
      textColumn('chart', 'Chart', 120),
      textColumn('chartVersion', 'Chart version', 100),
      textColumn('appVersion', 'App version', 90),
      textColumn('updatedAt', 'Updated', 180),
      textColumn('error', 'Error', 240, { sortable: false }),
    ],
  }),
  { type: 'events', id: 'events', title: 'Events' },
  table({
    id: 'browse',
    title: 'Browse',
    domain: 'catalog',
    kinds: [],
    columns: [
      clusterColumn(),
      kind(),
      textColumn('group', 'Group', 160),
      textColumn('version', 'Version', 80),
      namespace(),
      name(),
      ageColumn(),
    ],
  }),
  { type: 'logs', id: 'logs', title: 'Logs' },
  { type: 'drift', id: 'drift', title: 'Drift' },
];

export const DEFAULT_VIEW_ID = 'pods';

export function viewById(id: string): ViewDefinition | undefined {
  return VIEWS.find((view) => view.id === id);
}
