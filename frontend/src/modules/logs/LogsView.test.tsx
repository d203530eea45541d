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
import { LOGS_STREAM_PATH, logSessions } from './logSession';

installFakeLayout();

/** Every Logs view session closed (its stream stopped), so no test sees another's. */
function closeEverySession() {
  for (const session of logSessions.get().sessions) logSessions.close(session.id);
}

beforeEach(() => {
  installFakeEventSource();
  window.location.hash = '#/logs';
  stubClusterBackend({
    selection: [ALPHA, BETA],
    snapshots: { pods: podsOf, namespaces: namespacesOf },
  });
});

afterEach(() => {
  closeEverySession();
  localStorage.clear();
  window.location.hash = '';
});

let seq = 0;
function logLine(
  clusterId: string,
  pod: string,
  line: string,
  second: number,
  late = false,
): LogLine {
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
    late,
  };
}

async function followAllPods(): Promise<FakeEventSource> {
  render(<App />);
  fireEvent.click(await screen.findByRole('button', { name: '+ New session' }));
  const all = await screen.findByRole('button', { name: 'Select all matching (4)' });
  fireEvent.click(all);
  const stream = latestStream(LOGS_STREAM_PATH);
  act(() => stream.open());
  return stream;
}

function shownLines(): string[] {
  const log = screen.getByRole('log', { name: 'Log lines' });
  return [...log.querySelectorAll('.log-line, .log-marker')].map((line) => line.textContent ?? '');
}

async function lineCount(text: string): Promise<void> {
  await waitFor(() => expect(screen.getByTestId('log-line-count').textContent).toBe(text));
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

  it('shows each line with a short source (cluster chip + pod/container), full source as tooltip', async () => {
    const stream = await followAllPods();
    stream.emit('log', logLine(ALPHA, 'web-1', 'GET / 200', 1));
    stream.emit('log', logLine(BETA, 'web-1', 'GET / 500 ERROR', 2));
    await lineCount('2 lines');
    fireEvent.change(screen.getByRole('combobox', { name: 'Timestamps' }), {
      target: { value: 'utc' },
    });
    expect(shownLines()).toEqual([
      '00:00:01.000Zalphaweb-1/webGET / 200⧉',
      '00:00:02.000Zbetaweb-1/webGET / 500 ERROR⧉',
    ]);
    const rows = screen.getByRole('log').querySelectorAll('.log-line');
    expect(rows[1]?.classList.contains('log-line--error')).toBe(true);
    expect(rows[0]?.querySelector('.log-line__source')?.getAttribute('title')).toBe(
      `${ALPHA} shop/web-1/web`,
    );
    fireEvent.change(screen.getByRole('combobox', { name: 'Timestamps' }), {
      target: { value: 'off' },
    });
    expect(shownLines()[0]).toBe('alphaweb-1/webGET / 200⧉');
  });

  it('inserts late lines at their time, behind a recovery marker', async () => {
    const stream = await followAllPods();
    stream.emit('log', logLine(ALPHA, 'web-1', 'a1', 1));
    stream.emit('log', logLine(ALPHA, 'web-1', 'a4', 4));
    stream.emit('log', logLine(BETA, 'web-1', 'b2', 2, true));
    stream.emit('log', logLine(BETA, 'web-1', 'b3', 3, true));
    await lineCount('4 lines');
    fireEvent.change(screen.getByRole('combobox', { name: 'Timestamps' }), {
      target: { value: 'off' },
    });
    expect(shownLines()).toEqual([
      'alphaweb-1/weba1⧉',
      'beta: 2 lines recovered after reconnect',
      'betaweb-1/webb2⧉',
      'betaweb-1/webb3⧉',
      'alphaweb-1/weba4⧉',
    ]);
  });

  it('filters lines by text, by regular expression, inverted, and by source', async () => {
    const stream = await followAllPods();
    stream.emit('log', logLine(ALPHA, 'web-1', 'GET / 200', 1));
    stream.emit('log', logLine(BETA, 'web-1', 'GET / 500 error', 2));
    stream.emit('log', logLine(ALPHA, 'web-2', 'GET /health 200', 3));
    await lineCount('3 lines');

    const filter = screen.getByRole('searchbox', { name: 'Filter lines' });
    fireEvent.change(filter, { target: { value: 'ERROR' } });
    expect(screen.getByTestId('log-line-count').textContent).toBe('1 of 3 lines');
    expect(screen.getByRole('log').querySelector('mark')?.textContent).toBe('error');

    fireEvent.click(screen.getByRole('checkbox', { name: 'Invert' }));
    expect(screen.getByTestId('log-line-count').textContent).toBe('2 of 3 lines');

    fireEvent.click(screen.getByRole('checkbox', { name: 'Invert' }));
    const regexes = screen.getAllByRole('checkbox', { name: 'Regex' });
    fireEvent.click(regexes[0] as HTMLElement);
    fireEvent.change(filter, { target: { value: '^GET /( |health)' } });
    expect(screen.getByTestId('log-line-count').textContent).toBe('3 lines');
    fireEvent.change(filter, { target: { value: '(' } });
    expect(screen.getByRole('alert').textContent).toMatch(/Not a valid regular expression/);

    fireEvent.change(filter, { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'beta web-1/web' }));
    expect(screen.getByTestId('log-line-count').textContent).toBe('2 of 3 lines');
  });

  it('sends server-side include/exclude filters as stream parameters', async () => {
    const stream = await followAllPods();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Only lines with' }), {
      target: { value: 'level=error' },
    });
    fireEvent.change(screen.getByRole('searchbox', { name: 'Without lines with' }), {
      target: { value: 'healthz' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    const next = latestStream(LOGS_STREAM_PATH);
    expect(next).not.toBe(stream);
    const params = new URL(next.url, 'http://x').searchParams;
    expect([params.get('include'), params.get('exclude')]).toEqual(['level=error', 'healthz']);

    const regex = screen.getAllByRole('checkbox', { name: 'Regex' })[1] as HTMLElement;
    fireEvent.click(regex);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Only lines with' }), {
      target: { value: '(open' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(screen.getByRole('alert').textContent).toMatch(/Not a valid regular expression/);
    expect(latestStream(LOGS_STREAM_PATH)).toBe(next);
  });

  it('keeps the session (lines, filter, follow) when another view is shown and back', async () => {
    const stream = await followAllPods();
    stream.emit('log', logLine(ALPHA, 'web-1', 'one', 1));
    stream.emit('log', logLine(BETA, 'web-1', 'two', 2));
    await lineCount('2 lines');
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter lines' }), {
      target: { value: 'two' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Following' }));

    act(() => {
      window.location.hash = '#/pods';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await waitFor(() => expect(screen.queryByRole('log')).toBeNull());
    stream.emit('log', logLine(ALPHA, 'web-1', 'three two', 3));
    act(() => {
      window.location.hash = '#/logs';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await lineCount('2 of 3 lines');
    expect(screen.getByRole<HTMLInputElement>('searchbox', { name: 'Filter lines' }).value).toBe(
      'two',
    );
    expect(screen.getByRole('button', { name: 'Follow' }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    expect(latestStream(LOGS_STREAM_PATH)).toBe(stream);
  });

  it('tells how many lines the server dropped', async () => {
    const stream = await followAllPods();
    stream.emit('dropped', { count: 120, reason: 'slow_consumer' });
    expect(await screen.findByTestId('log-dropped')).toHaveProperty(
      'textContent',
      '120 lines were dropped by the server (slow_consumer).',
    );
  });

  it('shows per-source trouble from the stream', async () => {
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

  it('opens several sessions as tabs', async () => {
    await followAllPods();
    fireEvent.click(screen.getByRole('button', { name: '+ New session' }));
    expect(screen.getAllByTestId('log-session-tab')).toHaveLength(2);
    fireEvent.click(screen.getByRole('tab', { name: '4 pods' }));
    expect(screen.getByRole('log', { name: 'Log lines' })).toBeDefined();
  });
});
