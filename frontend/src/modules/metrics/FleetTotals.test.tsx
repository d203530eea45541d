import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ClusterOverviewItem } from '../../core/types.generated';
import { FleetTotals } from './FleetTotals';

function overview(clusterId: string, fields: Partial<ClusterOverviewItem>): ClusterOverviewItem {
  return {
    clusterId,
    clusterName: clusterId,
    name: clusterId,
    namespace: '',
    version: 'v1.31.0',
    nodesReady: 1,
    nodesTotal: 1,
    nodesVisible: true,
    podPhases: {},
    podsTotal: 0,
    warningEvents: 0,
    namespaces: 1,
    metrics: 'available',
    cpuCapacityMillicores: null,
    memoryCapacityBytes: null,
    cpuAllocatableMillicores: null,
    memoryAllocatableBytes: null,
    cpuRequestsMillicores: null,
    memoryRequestsBytes: null,
    cpuLimitsMillicores: null,
    memoryLimitsBytes: null,
    cpuUsageMillicores: null,
    memoryUsageBytes: null,
    status: 'ready',
    message: null,
    stale: false,
    ...fields,
  };
}

describe('FleetTotals', () => {
  it('sums each figure over the loaded rows and counts the clusters without usage', () => {
    const rows = [
      overview('f:a', { cpuUsageMillicores: 250, memoryUsageBytes: 1024 * 1024 }),
      undefined,
      overview('f:b', { cpuUsageMillicores: 500, metrics: 'unavailable' }),
    ];
    render(<FleetTotals rows={rows} />);
    const line = screen.getByTestId('fleet-totals');
    expect(line.textContent).toContain('used 750m · 1.0 Mi');
    expect(line.textContent).toContain('limits — · —');
    expect(line.textContent).toContain('(1 cluster without usage)');
  });
});
