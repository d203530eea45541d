import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../App';
import { jsonResponse } from '../../test/fakeBackend';
import { ALPHA, BETA, namespacesOf, podsOf, stubClusterBackend } from '../../test/fakeClusters';
import { installFakeEventSource } from '../../test/fakeEventSource';
import { installFakeLayout } from '../../test/layout';

installFakeLayout();

beforeEach(() => {
  installFakeEventSource();
});
afterEach(() => localStorage.clear());

describe('DiagnosticsPanel', () => {
  it('shows per-cluster status, permission issues, watches and auth details', async () => {
    stubClusterBackend({
      selection: [ALPHA, BETA],
      snapshots: { pods: podsOf, namespaces: namespacesOf },
      extra: {
        'GET /api/v1/diagnostics': () =>
          jsonResponse({
            clusters: [
              {
                clusterId: ALPHA,
                clusterName: 'alpha',
                status: 'ready',
                message: null,
                lastSyncAt: '2025-01-01T00:00:00Z',
                apiLatencyMs: 4.2,
                watches: [{ kind: 'Pod', state: 'synced', items: 12 }],
                permissionIssues: [],
              },
              {
                clusterId: BETA,
                clusterName: 'beta',
                status: 'degraded',
                message: 'Some kinds are forbidden.',
                lastSyncAt: null,
                apiLatencyMs: null,
                watches: [],
                permissionIssues: [
                  {
                    group: '',
                    resource: 'secrets',
                    verb: 'list',
                    namespace: 'shop',
                    message: 'forbidden',
                  },
                ],
              },
            ],
            server: { uptimeSeconds: 12 },
          }),
      },
    });
    render(<App />);
    fireEvent.click(screen.getByRole('button', { name: 'Diagnostics' }));
    const panel = await screen.findByTestId('diagnostics-panel');

    const alpha = await within(panel).findByRole('region', { name: 'Diagnostics of alpha' });
    expect(within(alpha).getByText('4 ms')).toBeDefined();
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
