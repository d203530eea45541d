import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../App';
import { diagnosticsEntry, diagnosticsReport } from '../../test/diagnostics';
import { jsonResponse } from '../../test/fakeBackend';
import { ALPHA, BETA, namespacesOf, podsOf, stubClusterBackend } from '../../test/fakeClusters';
import { installFakeEventSource } from '../../test/fakeEventSource';
import { installFakeLayout } from '../../test/layout';
import { latency } from './DiagnosticsPanel';

installFakeLayout();

beforeEach(() => {
  installFakeEventSource();
});
afterEach(() => localStorage.clear());

const WATCH = {
  kind: 'Pod',
  group: '',
  version: 'v1',
  resource: 'pods',
  namespaced: true,
  state: 'synced',
  message: '',
  items: 12,
  lastSyncAt: '2025-01-01T00:00:00Z',
  scopes: ['*'],
  listRequests: 1,
  watchRequests: 1,
  relistsAfterGone: 0,
  errors: 0,
};

describe('DiagnosticsPanel', () => {
  it('shows per-cluster status, permission issues, watches and auth details', async () => {
    stubClusterBackend({
      selection: [ALPHA, BETA],
      snapshots: { pods: podsOf, namespaces: namespacesOf },
      extra: {
        'GET /api/v1/diagnostics': () =>
          jsonResponse(
            diagnosticsReport([
              diagnosticsEntry(ALPHA, {
                lastSyncAt: '2025-01-01T00:00:00Z',
                apiLatencyMs: 4.2,
                watches: [WATCH],
                connection: {
                  clusterId: ALPHA,
                  clusterName: 'alpha',
                  server: 'https://127.0.0.1:6443/alpha',
                  status: 'ready',
                  message: null,
                  version: 'v1.37.2',
                  checkedAt: '2025-01-01T00:00:00Z',
                  latencyMs: 3,
                },
              }),
              diagnosticsEntry(BETA, {
                status: 'degraded',
                message: 'Some kinds are forbidden.',
                permissionIssues: [
                  {
                    group: '',
                    resource: 'secrets',
                    verb: 'list',
                    namespace: 'shop',
                    message: 'forbidden',
                  },
                ],
              }),
            ]),
          ),
      },
    });
    render(<App />);
    fireEvent.click(screen.getByRole('button', { name: 'Diagnostics' }));
    const panel = await screen.findByTestId('diagnostics-panel');

    const alpha = await within(panel).findByRole('region', { name: 'Diagnostics of alpha' });
    expect(within(alpha).getByText('4 ms')).toBeDefined();
    expect(within(alpha).getByText('v1.37.2')).toBeDefined();
    expect(within(alpha).getByText('https://127.0.0.1:6443/alpha')).toBeDefined();
    expect(within(alpha).getByText('alpha-admin')).toBeDefined();
    expect(within(alpha).getByText('None.')).toBeDefined();
    expect(within(alpha).getByRole('cell', { name: 'Pod' })).toBeDefined();

    const beta = within(panel).getByRole('region', { name: 'Diagnostics of beta' });
    expect(within(beta).getByText('Some kinds are forbidden.')).toBeDefined();
    expect(within(beta).getByRole('listitem').textContent).toBe('list secrets in shop — forbidden');

    fireEvent.click(within(panel).getByRole('button', { name: 'Close diagnostics' }));
    expect(screen.queryByTestId('diagnostics-panel')).toBeNull();
  });

  it('says why the diagnostics are unavailable', async () => {
    stubClusterBackend({
      selection: [ALPHA],
      snapshots: { pods: podsOf, namespaces: namespacesOf },
      extra: {
        'GET /api/v1/diagnostics': () =>
          jsonResponse({ error: { code: 'internal', message: 'Diagnostics broke.' } }, 500),
      },
    });
    render(<App />);
    fireEvent.click(screen.getByRole('button', { name: 'Diagnostics' }));
    const panel = await screen.findByTestId('diagnostics-panel');
    expect((await within(panel).findByRole('alert')).textContent).toContain('Diagnostics broke.');
  });
});

describe('the API latency shown', () => {
  it('is the last answered probe with its age, never a bare figure from before a freeze', () => {
    const now = Date.parse('2026-12-07T14:00:40Z');
    expect(latency(4.2, '2026-12-07T14:00:37.500Z', now)).toBe('4 ms, 3 s ago');
    expect(latency(4.2, '2026-12-07T13:50:40Z', now)).toBe('4 ms, 10 min ago');
    expect(latency(4.2, null, now)).toBe('4 ms');
    expect(latency(null, null, now)).toBe('—');
  });
});
