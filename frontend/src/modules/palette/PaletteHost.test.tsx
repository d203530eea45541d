import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SearchResult } from '../../core/types.generated';
import { jsonResponse } from '../../test/fakeBackend';
import { ALPHA, BETA, stubClusterBackend } from '../../test/fakeClusters';
import { renderWithProviders } from '../../test/renderWithProviders';
import { PaletteHost } from './PaletteHost';

const ACTIONS = {
  themeLabel: 'Use dark theme',
  toggleTheme: vi.fn(),
  toggleDiagnostics: vi.fn(),
  toggleForwards: vi.fn(),
};

function searchAnswer(query: string): SearchResult {
  const hit = (clusterId: string) => ({
    clusterId,
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    resource: 'deployments',
    namespace: 'shop',
    name: query,
    uid: `${clusterId}-uid`,
    match: 'exact' as const,
  });
  return {
    query,
    kind: null,
    limit: 8,
    totalCap: 1000,
    durationMs: 1,
    clusters: [
      {
        clusterId: ALPHA,
        clusterName: 'alpha',
        status: 'ready',
        message: null,
        cause: null,
        hits: [hit(ALPHA)],
        total: 1,
        totalCapped: false,
        searchedKinds: 10,
      },
      {
        clusterId: BETA,
        clusterName: 'beta',
        status: 'stale',
        message: 'No answer within 3 s.',
        cause: 'timeout',
        hits: [hit(BETA)],
        total: 1,
        totalCapped: false,
        searchedKinds: 10,
      },
    ],
  };
}

beforeAll(() => {
  // jsdom lacks what cmdk's list uses to size and scroll itself.
  Element.prototype.scrollIntoView = () => {};
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});
afterEach(() => {
  localStorage.clear();
  vi.unstubAllGlobals();
});

function openPalette() {
  fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
  return screen.getByRole('dialog', { name: 'Command palette' });
}

describe('the command palette', () => {
  it('finds objects in every selected cluster, grouped by cluster, a stale one marked', async () => {
    const searches: string[] = [];
    stubClusterBackend({
      selection: [ALPHA, BETA],
      extra: {
        'GET /api/v1/search': ({ url }) => {
          searches.push(url.searchParams.get('q') ?? '');
          return jsonResponse(searchAnswer(url.searchParams.get('q') ?? ''));
        },
      },
    });
    renderWithProviders(<PaletteHost actions={ACTIONS} />);
    const palette = openPalette();
    fireEvent.change(within(palette).getByRole('combobox'), { target: { value: 'web' } });

    const beta = await within(palette).findByText('beta');
    expect(within(palette).getByText('alpha')).toBeTruthy();
    const options = within(palette).getAllByRole('option');
    const hits = options.filter((option) => option.getAttribute('data-cluster-id'));
    expect(hits.slice(0, 2).map((o) => o.getAttribute('data-cluster-id'))).toEqual([ALPHA, BETA]);
    expect(hits[1]?.getAttribute('data-stale')).toBe('true');
    expect(beta.parentElement?.textContent).toContain('stale: timeout');
    expect(searches).toEqual(['web']);
  });

  it('runs :ctx beta as a switch of the selection and closes', async () => {
    const backend = stubClusterBackend({ selection: [ALPHA] });
    renderWithProviders(<PaletteHost actions={ACTIONS} />);
    await waitFor(() =>
      expect(
        backend.fetchStub.mock.calls.some(([u]) => String(u).includes('list_kubeconfigs')),
      ).toBe(true),
    );
    const palette = openPalette();
    const input = within(palette).getByRole('combobox');
    fireEvent.change(input, { target: { value: ':ctx beta' } });
    const run = await within(palette).findByRole('option', { name: 'Switch to cluster beta' });
    fireEvent.click(run);
    await waitFor(() => expect(backend.selection).toEqual([BETA]));
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).toBeNull();
  });
});
