/**
 * The cluster overview's fleet line: capacity, requests, limits and usage summed over the
 * clusters whose rows carry them (a cluster without metrics-server adds no usage, and says so).
 */
import type { ClusterOverviewItem, SnapshotItem } from '../../core/types.generated';
import { formatBytes, formatCpu } from '../../shared/components/tables/columns';
import './usageChart.css';

type Figure = keyof ClusterOverviewItem & `${string}${'Millicores' | 'Bytes'}`;

function sum(rows: ClusterOverviewItem[], field: Figure): number | null {
  const values = rows.map((row) => row[field]).filter((v): v is number => typeof v === 'number');
  return values.length ? values.reduce((a, b) => a + b, 0) : null;
}

const isOverview = (row: SnapshotItem | undefined): row is ClusterOverviewItem =>
  row !== undefined && 'nodesTotal' in row;

export function FleetTotals({ rows }: { rows: (SnapshotItem | undefined)[] }) {
  const present = rows.filter(isOverview);
  if (present.length === 0) return null;
  const without = present.filter((row) => row.metrics !== 'available').length;
  const figure = (label: string, cpu: Figure, memory: Figure) => (
    <span className="fleet-totals__figure">
      <span className="muted">{label}</span> {formatCpu(sum(present, cpu))} ·{' '}
      {formatBytes(sum(present, memory))}
    </span>
  );
  return (
    <p className="fleet-totals" data-testid="fleet-totals">
      <strong>Fleet</strong>
      {figure('used', 'cpuUsageMillicores', 'memoryUsageBytes')}
      {figure('requests', 'cpuRequestsMillicores', 'memoryRequestsBytes')}
      {figure('limits', 'cpuLimitsMillicores', 'memoryLimitsBytes')}
      {figure('allocatable', 'cpuAllocatableMillicores', 'memoryAllocatableBytes')}
      {without > 0 && (
        <span className="muted">
          ({without} {without === 1 ? 'cluster' : 'clusters'} without usage)
        </span>
      )}
    </p>
  );
}
