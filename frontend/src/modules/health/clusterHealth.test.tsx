/**
 * A cluster's health pushed on the catalog stream (`event: cluster`, CONTRACT §14) shows at once,
 * in one wording, in the table's chip, the namespace sidebar and the diagnostics — and goes away
 * when the cluster answers again.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../App';
import { CATALOG_STREAM_PATH } from '../../core/refresh/refreshCoordinator';
import type { ClusterHealth } from '../../core/types.generated';
import { diagnosticsEntry, diagnosticsReport } from '../../test/diagnostics';
import { jsonResponse } from '../../test/fakeBackend';
import { ALPHA, BETA, namespacesOf, podsOf, stubClusterBackend } from '../../test/fakeClusters';
import { installFakeEventSource, latestStream } from '../../test/fakeEventSource';
import { installFakeLayout } from '../../test/layout';

installFakeLayout();

beforeEach(() => {
  installFakeEventSource();
  window.location.hash = '#/pods';
});
afterEach(() => localStorage.clear());

const FROZEN = 'The API server https://127.0.0.1:6443 did not answer within 2.5 s.';

function health(status: ClusterHealth['status'], message: string | null = null): ClusterHealth {
  return {
    clusterId: BETA,
    clusterName: 'beta',
    status,
    cause: status === 'ready' ? null : status,
    message,
  };
}

describe('pushed cluster health', () => {
  it('shows a frozen cluster in the chip, the sidebar and the diagnostics in the same words', async () => {
    const diagnosed = { beta: diagnosticsEntry(BETA), fetched: 0 };
    stubClusterBackend({
      selection: [ALPHA, BETA],
      snapshots: { pods: podsOf, namespaces: namespacesOf },
      extra: {
        'GET /api/v1/diagnostics': () => {
          diagnosed.fetched += 1;
          return jsonResponse(diagnosticsReport([diagnosticsEntry(ALPHA), diagnosed.beta]));
        },
      },
    });
    render(<App />);
    await screen.findByRole('grid', { name: 'Pods' });
    fireEvent.click(screen.getByRole('button', { name: 'Diagnostics' }));
    const panel = await screen.findByTestId('diagnostics-panel');
    const betaDiagnostics = await within(panel).findByRole('region', {
      name: 'Diagnostics of beta',
    });
    const chip = () =>
      screen.getByTestId('cluster-chips').querySelector(`[data-cluster-id="${BETA}"]`);
    expect(chip()?.getAttribute('data-status')).toBe('ready');
    const stream = latestStream(CATALOG_STREAM_PATH);
    act(() => stream.open());
    const fetchedBefore = diagnosed.fetched;

    diagnosed.beta = diagnosticsEntry(BETA, { status: 'timeout', message: FROZEN });
    act(() => stream.emit('cluster', health('timeout', FROZEN)));

    expect(chip()?.getAttribute('data-status')).toBe('timeout');
    expect(chip()?.querySelector('.cluster-chip__status')?.textContent).toBe('timeout');
    expect(chip()?.querySelector('.cluster-chip__message')?.textContent).toBe(FROZEN);
    expect(screen.getByTestId('cluster-summary').textContent).toBe(
      '1 of 2 clusters — beta timeout',
    );
    const sidebar = screen.getByRole('region', { name: 'Namespaces of beta' });
    expect(within(sidebar).getByTestId('namespace-cluster-status').textContent).toBe(
      `timeout: ${FROZEN}`,
    );
    expect(within(betaDiagnostics).getByTestId('diagnostics-status').textContent).toBe('timeout');
    expect(within(betaDiagnostics).getByText(FROZEN)).toBeDefined();
    await waitFor(() => expect(diagnosed.fetched).toBeGreaterThan(fetchedBefore));

    diagnosed.beta = diagnosticsEntry(BETA);
    act(() => stream.emit('cluster', health('ready')));
    expect(chip()?.getAttribute('data-status')).toBe('ready');
    expect(within(sidebar).queryByTestId('namespace-cluster-status')).toBeNull();
    await waitFor(() =>
      expect(within(betaDiagnostics).getByTestId('diagnostics-status').textContent).toBe('ready'),
    );
  });
});
