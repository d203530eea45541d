/** @vitest-environment node */
import { describe, expect, it, vi } from 'vitest';
import { clusterPart } from '../../test/snapshots';
import { ClusterStatusStore } from './clusterStatus';

describe('ClusterStatusStore', () => {
  it('records statuses by clusterId from snapshot parts, but not forbidden ones', () => {
    const store = new ClusterStatusStore();
    store.reportParts([
      clusterPart('dev.yaml:alpha'),
      clusterPart('dev.yaml:beta', { status: 'stale', message: 'timed out' }),
      clusterPart('dev.yaml:beta-viewer', { status: 'forbidden' }),
    ]);
    expect(store.get('dev.yaml:alpha')).toEqual({
      status: 'ready',
      message: null,
      source: 'snapshot',
    });
    expect(store.get('dev.yaml:beta')?.status).toBe('stale');
    expect(store.get('dev.yaml:beta-viewer')).toBeUndefined();
  });

  it('keeps its snapshot when nothing changed, so subscribers do not render again', () => {
    const store = new ClusterStatusStore();
    const listener = vi.fn();
    store.subscribe(listener);
    store.reportParts([clusterPart('dev.yaml:alpha')]);
    const first = store.getSnapshot();
    store.reportParts([clusterPart('dev.yaml:alpha')]);
    expect(store.getSnapshot()).toBe(first);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('tells health listeners when the diagnostics say a cluster changed, not before', () => {
    const store = new ClusterStatusStore();
    const changed = vi.fn();
    store.onHealthChange(changed);
    store.reportDiagnostics([{ clusterId: 'dev.yaml:beta', status: 'ready', message: null }]);
    store.reportParts([clusterPart('dev.yaml:beta', { status: 'stale' })]);
    store.reportDiagnostics([{ clusterId: 'dev.yaml:beta', status: 'ready', message: null }]);
    expect(changed).not.toHaveBeenCalled();

    store.reportDiagnostics([
      { clusterId: 'dev.yaml:beta', status: 'timeout', message: 'no answer' },
    ]);
    expect(changed).toHaveBeenCalledWith('dev.yaml:beta');
    expect(store.get('dev.yaml:beta')).toEqual({
      status: 'timeout',
      message: 'no answer',
      source: 'diagnostics',
    });
  });
});
