/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import { readDiagnostics } from './diagnosticsReport';

describe('readDiagnostics', () => {
  it('reads the per-cluster entries of contract §8', () => {
    const report = readDiagnostics({
      clusters: [
        {
          clusterId: 'dev.yaml:beta-viewer',
          clusterName: 'beta-viewer',
          status: 'degraded',
          message: 'some kinds are forbidden',
          lastSyncAt: 1735689600,
          apiLatencyMs: 12.5,
          watches: [{ kind: 'Pod', state: 'synced', items: 12 }],
          permissionIssues: [
            {
              group: '',
              resource: 'secrets',
              verb: 'list',
              namespace: 'shop',
              message: 'forbidden',
            },
          ],
          namespaceSource: 'fallback',
        },
      ],
      server: { version: '0.1.0' },
    });
    expect(report.clusters).toHaveLength(1);
    expect(report.clusters[0]).toMatchObject({
      clusterId: 'dev.yaml:beta-viewer',
      status: 'degraded',
      lastSyncAt: '2025-01-01T00:00:00.000Z',
      apiLatencyMs: 12.5,
      permissionIssues: [{ resource: 'secrets', verb: 'list', namespace: 'shop' }],
      extra: { namespaceSource: 'fallback' },
    });
    expect(report.server).toEqual({ version: '0.1.0' });
  });

  it('skips what it cannot read instead of failing', () => {
    expect(readDiagnostics(null)).toEqual({ clusters: [], server: {} });
    const report = readDiagnostics({
      clusters: [{ status: 'ready' }, { clusterId: 'a:b', watches: 'x' }],
    });
    expect(report.clusters).toEqual([
      expect.objectContaining({
        clusterId: 'a:b',
        clusterName: 'a:b',
        status: 'unknown',
        watches: [],
      }),
    ]);
  });
});
