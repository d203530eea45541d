import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../App';
import { ALPHA, BETA, namespacesOf, stubClusterBackend } from '../../test/fakeClusters';
import { installFakeEventSource, latestStream } from '../../test/fakeEventSource';
import { installFakeLayout } from '../../test/layout';
import { EVENTS_STREAM_PATH } from './EventsView';

installFakeLayout();

beforeEach(() => {
  installFakeEventSource();
  window.location.hash = '#/events';
  stubClusterBackend({ selection: [ALPHA, BETA], snapshots: { namespaces: namespacesOf } });
});

afterEach(() => {
  localStorage.clear();
  window.location.hash = '';
});

function kubeEvent(clusterId: string, reason: string, second: number) {
  return {
    scope: `${clusterId}|`,
    clusterId,
    clusterName: clusterId.slice(clusterId.indexOf(':') + 1),
    namespace: 'shop',
    type: reason === 'BackOff' ? 'Warning' : 'Normal',
    reason,
    message: `${reason} for web-1`,
    count: 1,
    involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'shop', uid: `${clusterId}-u` },
    timestamp: `2025-01-01T00:00:0${second}Z`,
  };
}

describe('EventsView', () => {
  it('merges the live events of the selected clusters, newest first, with a chip per cluster', async () => {
    render(<App />);
    await screen.findByRole('heading', { name: 'Events' });
    const stream = await waitFor(() => latestStream(EVENTS_STREAM_PATH));
    expect(stream.scopes).toEqual([`${ALPHA}|`, `${BETA}|`]);
    act(() => {
      stream.open();
      stream.emit('k8s-event', kubeEvent(ALPHA, 'Scheduled', 1));
      stream.emit('k8s-event', kubeEvent(BETA, 'BackOff', 2));
    });

    const grid = await screen.findByRole('grid', { name: 'Events' });
    await waitFor(() => expect(grid.querySelectorAll('tbody tr')).toHaveLength(2));
    const reasons = [...grid.querySelectorAll('td[data-column="reason"]')].map(
      (cell) => cell.textContent,
    );
    const clusters = [...grid.querySelectorAll('td[data-column="clusterName"]')].map(
      (cell) => cell.textContent,
    );
    expect(reasons).toEqual(['BackOff', 'Scheduled']);
    expect(clusters).toEqual(['beta', 'alpha']);
    expect(screen.getByTestId('cluster-summary').textContent).toBe('2 of 2 clusters');

    act(() =>
      stream.emit('status', {
        clusterId: BETA,
        source: 'events',
        status: 'unreachable',
        message: 'refused',
      }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('cluster-summary').textContent).toBe(
        '1 of 2 clusters — beta unreachable',
      ),
    );
  });

  it('filters the events on the client and reopens the stream for a narrower cluster choice', async () => {
    render(<App />);
    const stream = await waitFor(() => latestStream(EVENTS_STREAM_PATH));
    act(() => {
      stream.open();
      stream.emit('k8s-event', kubeEvent(ALPHA, 'Scheduled', 1));
      stream.emit('k8s-event', kubeEvent(BETA, 'BackOff', 2));
    });
    const grid = await screen.findByRole('grid', { name: 'Events' });
    await waitFor(() => expect(grid.querySelectorAll('tbody tr')).toHaveLength(2));

    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter' }), {
      target: { value: 'backoff' },
    });
    await waitFor(() => expect(grid.querySelectorAll('tbody tr')).toHaveLength(1));

    fireEvent.click(screen.getByRole('button', { name: 'Clusters: All clusters' }));
    fireEvent.click(
      within(screen.getByRole('group', { name: 'Clusters' })).getByRole('checkbox', {
        name: 'alpha',
      }),
    );
    await waitFor(() => expect(latestStream(EVENTS_STREAM_PATH).scopes).toEqual([`${ALPHA}|`]));
    expect(stream.closed).toBe(true);
  });
});
