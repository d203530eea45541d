import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../App';
import type { LogLine } from '../../core/types.generated';
import { ALPHA, BETA, namespacesOf, podsOf, stubClusterBackend } from '../../test/fakeClusters';
import {
  type FakeEventSource,
  installFakeEventSource,
  latestStream,
} from '../../test/fakeEventSource';
import { installFakeLayout } from '../../test/layout';
import { LOGS_STREAM_PATH } from './logStream';

installFakeLayout();

beforeEach(() => {
  installFakeEventSource();
  window.location.hash = '#/logs';
  stubClusterBackend({
    selection: [ALPHA, BETA],
    snapshots: { pods: podsOf, namespaces: namespacesOf },
  });
});

afterEach(() => {
  localStorage.clear();
  window.location.hash = '';
});

let seq = 0;
function logLine(clusterId: string, pod: string, line: string, second: number): LogLine {
  seq += 1;
  return {
    scope: `${clusterId}|pod:shop/${pod}`,
    clusterId,
    clusterName: clusterId.slice(clusterId.indexOf(':') + 1),
    namespace: 'shop',
    pod,
    container: 'web',
    timestamp: `2025-01-01T00:00:0${second}.000000000Z`,
    line,
    seq,
  };
}

async function followAllPods(): Promise<FakeEventSource> {
  render(<App />);
  const follow = await screen.findByRole('button', { name: 'Follow all shown' });
  await waitFor(() => expect((follow as HTMLButtonElement).disabled).toBe(false));
  fireEvent.click(follow);
  const stream = latestStream(LOGS_STREAM_PATH);
  act(() => stream.open());
  return stream;
}

function shownLines(): string[] {
  const log = screen.getByRole('log', { name: 'Log lines' });
  return [...log.querySelectorAll('.log-line')].map((line) => line.textContent ?? '');
}

describe('LogsView', () => {
  it('follows pods of two clusters in one stream with cluster-prefixed scopes', async () => {
    const stream = await followAllPods();
    expect(stream.scopes).toEqual([
      `${ALPHA}|pod:shop/web-1`,
      `${ALPHA}|pod:shop/web-2`,
      `${BETA}|pod:shop/web-1`,
      `${BETA}|pod:shop/web-2`,
    ]);
    expect(new URL(stream.url, 'http://x').searchParams.get('tailLines')).toBe('200');
  });

  it('shows the merged lines, each prefixed by its cluster and pod/container', async () => {
    const stream = await followAllPods();
    stream.emit('log', logLine(ALPHA, 'web-1', 'GET / 200', 1));
    stream.emit('log', logLine(BETA, 'web-1', 'GET / 500 error', 2));
    stream.emit('log', logLine(ALPHA, 'web-2', 'GET /health 200', 3));

    await waitFor(() =>
      expect(screen.getByTestId('log-line-count').textContent).toBe('3 of 3 lines'),
    );
    expect(shownLines()).toEqual([
      '2025-01-01T00:00:01.000000000Zalpha shop/web-1/webGET / 200',
      '2025-01-01T00:00:02.000000000Zbeta shop/web-1/webGET / 500 error',
      '2025-01-01T00:00:03.000000000Zalpha shop/web-2/webGET /health 200',
    ]);

    fireEvent.click(screen.getByRole('checkbox', { name: 'Timestamps' }));
    expect(shownLines()[0]).toBe('alpha shop/web-1/webGET / 200');
  });

  it('filters lines by text, by regular expression, inverted, and by source', async () => {
    const stream = await followAllPods();
    stream.emit('log', logLine(ALPHA, 'web-1', 'GET / 200', 1));
    stream.emit('log', logLine(BETA, 'web-1', 'GET / 500 error', 2));
    stream.emit('log', logLine(ALPHA, 'web-2', 'GET /health 200', 3));
    await waitFor(() =>
      expect(screen.getByTestId('log-line-count').textContent).toBe('3 of 3 lines'),
    );

    const filter = screen.getByRole('searchbox', { name: 'Filter lines' });
    fireEvent.change(filter, { target: { value: 'ERROR' } });
    expect(screen.getByTestId('log-line-count').textContent).toBe('1 of 3 lines');
    expect(screen.getByRole('log').querySelector('mark')?.textContent).toBe('error');

    fireEvent.click(screen.getByRole('checkbox', { name: 'Invert' }));
    expect(screen.getByTestId('log-line-count').textContent).toBe('2 of 3 lines');

    fireEvent.click(screen.getByRole('checkbox', { name: 'Invert' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Regex' }));
    fireEvent.change(filter, { target: { value: '^GET /( |health)' } });
    expect(screen.getByTestId('log-line-count').textContent).toBe('3 of 3 lines');
    fireEvent.change(filter, { target: { value: '(' } });
    expect(screen.getByRole('alert').textContent).toMatch(/Not a valid regular expression/);

    fireEvent.change(filter, { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'beta shop/web-1/web' }));
    expect(screen.getByTestId('log-line-count').textContent).toBe('2 of 3 lines');
  });

  it('tells how many lines the server dropped, and holds new lines while paused', async () => {
    const stream = await followAllPods();
    stream.emit('log', logLine(ALPHA, 'web-1', 'one', 1));
    await waitFor(() =>
      expect(screen.getByTestId('log-line-count').textContent).toBe('1 of 1 lines'),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    stream.emit('dropped', { count: 120, reason: 'slow_consumer' });
    stream.emit('log', logLine(BETA, 'web-1', 'two', 2));
    expect(await screen.findByTestId('log-dropped')).toHaveProperty(
      'textContent',
      '120 lines were dropped by the server (slow_consumer).',
    );
    expect(screen.getByTestId('log-line-count').textContent).toBe('1 of 1 lines');
    expect(screen.getByText('1 new lines while paused')).toBeDefined();

    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    expect(screen.getByTestId('log-line-count').textContent).toBe('2 of 2 lines');
  });

  it('shows per-source status from the stream', async () => {
    const stream = await followAllPods();
    act(() =>
      stream.emit('status', {
        clusterId: BETA,
        source: `${BETA}|pod:shop/web-1/web`,
        status: 'unreachable',
        message: 'refused',
      }),
    );
    const status = await screen.findByText('beta shop/web-1/web: unreachable');
    expect(within(status).getByRole('img').getAttribute('data-tone')).toBe('bad');
  });
});
