/** @vitest-environment node */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSource, installFakeEventSource, latestStream } from '../../test/fakeEventSource';
import { DOORBELL_COALESCE_MS, FALLBACK_POLL_MS, STREAM_RETRY_MIN_MS } from './limits';
import { CATALOG_STREAM_PATH, RefreshCoordinator } from './refreshCoordinator';

const ALPHA = 'dev.yaml:alpha';
const BETA = 'dev.yaml:beta';

function change(clusterId: string, domains: string[]) {
  return { clusterId, kind: 'Pod', namespace: 'shop', name: 'web-1', type: 'MODIFIED', domains };
}

let coordinator: RefreshCoordinator;

beforeEach(() => {
  vi.useFakeTimers();
  installFakeEventSource();
  coordinator = new RefreshCoordinator();
});

afterEach(() => {
  coordinator.dispose();
  vi.useRealTimers();
});

describe('RefreshCoordinator', () => {
  it('follows the catalog stream of exactly the selected clusters', () => {
    coordinator.setClusters([ALPHA, BETA]);
    expect(latestStream(CATALOG_STREAM_PATH).scopes).toEqual([`${ALPHA}|`, `${BETA}|`]);

    const first = latestStream(CATALOG_STREAM_PATH);
    coordinator.setClusters([ALPHA]);
    expect(first.closed).toBe(true);
    expect(latestStream(CATALOG_STREAM_PATH).scopes).toEqual([`${ALPHA}|`]);

    coordinator.setClusters([ALPHA]);
    expect(FakeEventSource.instances).toHaveLength(2);
  });

  it('hands every pushed cluster health to its listeners, and nothing else', () => {
    coordinator.setClusters([ALPHA, BETA]);
    const stream = latestStream(CATALOG_STREAM_PATH);
    stream.open();
    const told = vi.fn();
    const unsubscribe = coordinator.onClusterHealth(told);
    const frozen = {
      clusterId: BETA,
      clusterName: 'beta',
      status: 'timeout',
      cause: 'timeout',
      message: 'The API server did not answer within 2.5 s.',
    };
    stream.emit('cluster', frozen);
    stream.emit('cluster', { note: 'not a health event' });
    stream.emit('change', change(BETA, ['pods']));
    expect(told.mock.calls).toEqual([[frozen]]);

    unsubscribe();
    stream.emit('cluster', { ...frozen, status: 'ready', cause: null, message: null });
    expect(told).toHaveBeenCalledTimes(1);
  });

  it('refetches a watch once per gathered doorbells of its domain and cluster', () => {
    coordinator.setClusters([ALPHA, BETA]);
    const stream = latestStream(CATALOG_STREAM_PATH);
    stream.open();
    const podsOfAlpha = vi.fn();
    const nodesOfAlpha = vi.fn();
    const podsOfBeta = vi.fn();
    coordinator.watch('pods', [ALPHA], podsOfAlpha);
    coordinator.watch('nodes', [ALPHA], nodesOfAlpha);
    coordinator.watch('pods', [BETA], podsOfBeta);

    stream.emit('change', change(ALPHA, ['pods', 'workloads']));
    stream.emit('change', change(ALPHA, ['pods']));
    expect(podsOfAlpha).not.toHaveBeenCalled();
    vi.advanceTimersByTime(DOORBELL_COALESCE_MS);

    expect(podsOfAlpha).toHaveBeenCalledTimes(1);
    expect(nodesOfAlpha).not.toHaveBeenCalled();
    expect(podsOfBeta).not.toHaveBeenCalled();
  });

  it('refetches a single object view when its kind changed in its cluster', () => {
    coordinator.setClusters([ALPHA, BETA]);
    const stream = latestStream(CATALOG_STREAM_PATH);
    stream.open();
    const deploymentOfBeta = vi.fn();
    coordinator.watchKind(BETA, 'Deployment', deploymentOfBeta);

    stream.emit('change', change(BETA, ['pods']));
    stream.emit('change', { ...change(ALPHA, ['workloads']), kind: 'Deployment' });
    vi.advanceTimersByTime(DOORBELL_COALESCE_MS);
    expect(deploymentOfBeta).not.toHaveBeenCalled();

    stream.emit('change', { ...change(BETA, ['workloads']), kind: 'Deployment', name: 'other' });
    vi.advanceTimersByTime(DOORBELL_COALESCE_MS);
    expect(deploymentOfBeta).toHaveBeenCalledTimes(1);
  });

  it('does not poll while the stream is open', () => {
    coordinator.setClusters([ALPHA]);
    latestStream(CATALOG_STREAM_PATH).open();
    const refetch = vi.fn();
    coordinator.watch('pods', [ALPHA], refetch);

    vi.advanceTimersByTime(FALLBACK_POLL_MS * 3);
    expect(refetch).not.toHaveBeenCalled();
    expect(coordinator.state).toBe('open');
  });

  it('polls only while the stream is down, and refetches once when it is back', () => {
    coordinator.setClusters([ALPHA]);
    const stream = latestStream(CATALOG_STREAM_PATH);
    stream.open();
    const refetch = vi.fn();
    coordinator.watch('pods', [ALPHA], refetch);

    stream.fail();
    expect(coordinator.state).toBe('down');
    vi.advanceTimersByTime(FALLBACK_POLL_MS * 2);
    expect(refetch).toHaveBeenCalledTimes(2);

    stream.open();
    expect(refetch).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(FALLBACK_POLL_MS * 2);
    expect(refetch).toHaveBeenCalledTimes(3);
  });

  it('reopens a stream the browser gave up on, and keeps polling meanwhile', () => {
    coordinator.setClusters([ALPHA]);
    const refetch = vi.fn();
    coordinator.watch('pods', [ALPHA], refetch);
    latestStream(CATALOG_STREAM_PATH).fail(true);

    vi.advanceTimersByTime(STREAM_RETRY_MIN_MS);
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(coordinator.state).toBe('connecting');
    vi.advanceTimersByTime(FALLBACK_POLL_MS);
    expect(refetch).toHaveBeenCalled();
  });

  it('refetches every watch of a cluster whose health changed', () => {
    coordinator.setClusters([ALPHA, BETA]);
    latestStream(CATALOG_STREAM_PATH).open();
    const podsOfBeta = vi.fn();
    const nodesOfBoth = vi.fn();
    const podsOfAlpha = vi.fn();
    coordinator.watch('pods', [BETA], podsOfBeta);
    coordinator.watch('nodes', [ALPHA, BETA], nodesOfBoth);
    coordinator.watch('pods', [ALPHA], podsOfAlpha);

    coordinator.ringCluster(BETA);
    vi.advanceTimersByTime(DOORBELL_COALESCE_MS);
    expect(podsOfBeta).toHaveBeenCalledTimes(1);
    expect(nodesOfBoth).toHaveBeenCalledTimes(1);
    expect(podsOfAlpha).not.toHaveBeenCalled();
  });

  it('stops calling a watch after unwatch', () => {
    coordinator.setClusters([ALPHA]);
    const stream = latestStream(CATALOG_STREAM_PATH);
    stream.open();
    const refetch = vi.fn();
    const unwatch = coordinator.watch('pods', [ALPHA], refetch);
    stream.emit('change', change(ALPHA, ['pods']));
    unwatch();
    vi.advanceTimersByTime(DOORBELL_COALESCE_MS);
    expect(refetch).not.toHaveBeenCalled();
  });
});
