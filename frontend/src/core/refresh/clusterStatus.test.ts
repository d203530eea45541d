/** @vitest-environment node */
import { describe, expect, it, vi } from 'vitest';
import { clusterPart } from '../../test/snapshots';
import type { ClusterHealth } from '../types.generated';
import { ClusterStatusStore, clusterStateLabel, shownState, withHealth } from './clusterStatus';

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

function pushed(status: ClusterHealth['status'], message: string | null = null): ClusterHealth {
  const cause = status === 'ready' ? null : status;
  return { clusterId: 'dev.yaml:beta', clusterName: 'beta', status, cause, message };
}

describe('pushed cluster health', () => {
  it('is kept by clusterId and rings the health listeners when the status changes', () => {
    const store = new ClusterStatusStore();
    const changed = vi.fn();
    store.onHealthChange(changed);
    store.reportHealth(pushed('ready'));
    expect(changed).not.toHaveBeenCalled(); // a first `ready` changes nothing shown

    store.reportHealth(pushed('timeout', 'no answer within 2.5 s'));
    store.reportHealth(pushed('timeout', 'no answer within 2.5 s'));
    expect(changed.mock.calls).toEqual([['dev.yaml:beta']]);
    expect(store.getHealth().get('dev.yaml:beta')?.message).toBe('no answer within 2.5 s');
    expect(store.get('dev.yaml:beta')).toEqual({
      status: 'timeout',
      message: 'no answer within 2.5 s',
      source: 'stream',
    });

    store.reportHealth(pushed('ready'));
    expect(changed).toHaveBeenCalledTimes(2);
    store.retainHealth([]);
    expect(store.getHealth().size).toBe(0);
  });

  it('replaces the state of a part while the cluster is not ready, and only then', () => {
    const part = clusterPart('dev.yaml:beta', { status: 'ready' });
    expect(withHealth(part, pushed('ready'))).toBe(part);
    expect(withHealth(part, undefined)).toBe(part);
    const frozen = withHealth(part, pushed('timeout', 'no answer within 2.5 s'));
    expect([frozen.status, frozen.cause, frozen.message, frozen.itemCount]).toEqual([
      'timeout',
      'timeout',
      'no answer within 2.5 s',
      part.itemCount,
    ]);
    expect(shownState(undefined, pushed('unreachable', 'refused'))?.status).toBe('unreachable');
    expect(shownState(undefined, pushed('ready'))).toBeUndefined();
  });

  it('names each state with one label', () => {
    expect(clusterStateLabel({ status: 'timeout', message: null })).toBe('timeout');
    expect(clusterStateLabel({ status: 'stale', cause: 'timeout', message: null })).toBe(
      'stale (timeout)',
    );
    expect(clusterStateLabel({ status: 'error', cause: 'auth_failed', message: null })).toBe(
      'auth failed',
    );
    expect(clusterStateLabel({ status: 'auth_failed', message: null })).toBe('auth failed');
  });
});
