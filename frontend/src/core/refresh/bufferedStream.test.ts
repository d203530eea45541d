/** @vitest-environment node */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSource, installFakeEventSource } from '../../test/fakeEventSource';
import { BufferedStream, STREAM_FLUSH_MS } from './bufferedStream';

const isNumberItem = (data: unknown): data is { n: number } =>
  typeof data === 'object' && data !== null && typeof (data as { n?: unknown }).n === 'number';

function stream(capacity = 3) {
  return new BufferedStream<{ n: number }>({
    path: '/api/v1/streams/logs',
    scopes: ['dev.yaml:alpha|pod:shop/web-1', 'dev.yaml:beta|pod:shop/web-1'],
    params: { tailLines: 10, sinceSeconds: undefined },
    itemEvent: 'log',
    isItem: isNumberItem,
    capacity,
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  installFakeEventSource();
});
afterEach(() => vi.useRealTimers());

describe('BufferedStream', () => {
  it('opens one stream for all scopes with the given parameters', () => {
    stream().start();
    const url = new URL(FakeEventSource.instances[0]?.url ?? '', 'http://x');
    expect(url.pathname).toBe('/api/v1/streams/logs');
    expect(url.searchParams.getAll('scope')).toEqual([
      'dev.yaml:alpha|pod:shop/web-1',
      'dev.yaml:beta|pod:shop/web-1',
    ]);
    expect(url.searchParams.get('tailLines')).toBe('10');
    expect(url.searchParams.has('sinceSeconds')).toBe(false);
  });

  it('keeps the newest items, counts all, and tells subscribers once per flush', () => {
    const subject = stream(3);
    const listener = vi.fn();
    subject.subscribe(listener);
    subject.start();
    const source = FakeEventSource.instances[0];
    source?.open();
    for (let n = 1; n <= 5; n += 1) source?.emit('log', { n });
    source?.emit('log', { not: 'an item' });
    expect(listener).not.toHaveBeenCalled();

    vi.advanceTimersByTime(STREAM_FLUSH_MS);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(subject.items.toArray()).toEqual([{ n: 3 }, { n: 4 }, { n: 5 }]);
    expect(subject.getView()).toMatchObject({ state: 'open', received: 5 });
  });

  it('adds up dropped notices and keeps the latest status per source', () => {
    const subject = stream();
    subject.start();
    const source = FakeEventSource.instances[0];
    source?.emit('dropped', { count: 10, reason: 'slow_consumer' });
    source?.emit('dropped', { count: 5, reason: 'slow_consumer' });
    source?.emit('status', {
      clusterId: 'dev.yaml:beta',
      source: 'shop/web-1',
      status: 'started',
      message: null,
    });
    source?.emit('status', {
      clusterId: 'dev.yaml:beta',
      source: 'shop/web-1',
      status: 'unreachable',
      message: 'gone',
    });
    vi.advanceTimersByTime(STREAM_FLUSH_MS);

    const view = subject.getView();
    expect(view).toMatchObject({ dropped: 15, droppedReason: 'slow_consumer' });
    expect([...view.statuses.values()]).toEqual([
      { clusterId: 'dev.yaml:beta', source: 'shop/web-1', status: 'unreachable', message: 'gone' },
    ]);
  });

  it('closes the stream on stop', () => {
    const subject = stream();
    subject.start();
    subject.stop();
    expect(FakeEventSource.instances[0]?.closed).toBe(true);
  });
});
