import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from './App';
import { CATALOG_STREAM_PATH } from './core/refresh/refreshCoordinator';
import { THEME_STORAGE_KEY } from './shared/theme/theme';
import { jsonResponse } from './test/fakeBackend';
import { ALPHA, BETA, namespacesOf, podsOf, stubClusterBackend } from './test/fakeClusters';
import { installFakeEventSource, latestStream } from './test/fakeEventSource';
import { installFakeLayout } from './test/layout';
import { clusterPart } from './test/snapshots';

installFakeLayout();

beforeEach(() => {
  installFakeEventSource();
  window.location.hash = '';
});

afterEach(() => {
  localStorage.clear();
  delete document.documentElement.dataset.theme;
});

function stubPods(selection: string[], pods = podsOf) {
  return stubClusterBackend({ selection, snapshots: { pods, namespaces: namespacesOf } });
}

async function podsGrid(): Promise<HTMLElement> {
  return screen.findByRole('grid', { name: 'Pods' });
}

function cellTexts(grid: HTMLElement, column: string): string[] {
  return [...grid.querySelectorAll(`td[data-column="${column}"]`)].map(
    (cell) => cell.textContent ?? '',
  );
}

describe('App shell', () => {
  it('shows the product name, the backend status and the views', async () => {
    stubPods([]);
    render(<App />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Regatta');
    expect(await screen.findByText('ok')).toBe(screen.getByTestId('health-status'));
    const views = screen.getByRole('list', { name: 'Views' });
    expect(
      within(views)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual([
      'Cluster overview',
      'Nodes',
      'Pods',
      'Workloads',
      'Config',
      'Network',
      'Storage',
      'RBAC',
      'Custom resources',
      'Helm releases',
      'Events',
      'Browse',
      'Logs',
      'Drift',
    ]);
    expect(within(views).getByRole('link', { current: 'page' }).textContent).toBe('Pods');
  });

  it('asks for a cluster when none is selected', async () => {
    stubPods([]);
    render(<App />);
    expect(
      await screen.findByText('Select one or more clusters in the header to see their pods.'),
    ).toBeDefined();
  });

  it('toggles between light and dark and remembers the choice', async () => {
    stubPods([]);
    render(<App />);
    await screen.findByText('ok');
    expect(document.documentElement.dataset.theme).toBe('light');
    fireEvent.click(screen.getByRole('button', { name: 'Use dark theme' }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');
    fireEvent.click(screen.getByRole('button', { name: 'Use light theme' }));
    expect(document.documentElement.dataset.theme).toBe('light');
  });
});

describe('the pods table across clusters', () => {
  it('shows the rows of both clusters with the Cluster column and a chip per cluster', async () => {
    const backend = stubPods([ALPHA, BETA]);
    render(<App />);
    const grid = await podsGrid();

    // The Pick box (bulk actions) comes first, then the cluster.
    const headers = within(grid).getAllByRole('columnheader');
    expect(headers.slice(0, 2).map((h) => h.textContent)).toEqual(['Pick', 'Cluster']);
    expect(cellTexts(grid, 'clusterName')).toEqual(['alpha', 'alpha', 'beta', 'beta']);
    expect(cellTexts(grid, 'name')).toEqual(['web-1', 'web-2', 'web-1', 'web-2']);
    expect(screen.getByTestId('cluster-summary').textContent).toBe('2 of 2 clusters');
    expect(backend.requests.pods?.[0]?.getAll('scope')).toEqual([`${ALPHA}|`, `${BETA}|`]);
  });

  it('narrows to the clusters chosen in the Clusters filter, and remembers them by id', async () => {
    const backend = stubPods([ALPHA, BETA]);
    render(<App />);
    await podsGrid();

    fireEvent.click(screen.getByRole('button', { name: 'Clusters: All clusters' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'beta' }));

    await waitFor(() =>
      expect(cellTexts(screen.getByRole('grid', { name: 'Pods' }), 'clusterName')).toEqual([
        'beta',
        'beta',
      ]),
    );
    expect(backend.requests.pods?.at(-1)?.getAll('scope')).toEqual([`${BETA}|`]);
    expect(JSON.parse(localStorage.getItem('regatta.grid.pods') ?? '{}').clusters).toEqual([BETA]);
  });

  it('marks the rows of a failing cluster stale and says so, keeping the other cluster', async () => {
    stubPods([ALPHA, BETA], (request) => {
      const answer = podsOf(request);
      return {
        ...answer,
        items: answer.items.map((item) =>
          item.clusterId === BETA ? { ...item, stale: true } : item,
        ),
        clusters: [
          clusterPart(ALPHA, { itemCount: 2 }),
          clusterPart(BETA, {
            status: 'stale',
            cause: 'timeout',
            message: 'No answer within 5 s.',
            itemCount: 2,
          }),
        ],
      };
    });
    render(<App />);
    const grid = await podsGrid();

    expect(screen.getByTestId('cluster-summary').textContent).toBe(
      '1 of 2 clusters — beta stale (timeout)',
    );
    const rows = [...grid.querySelectorAll('tbody tr')];
    expect(rows.map((row) => row.getAttribute('data-state'))).toEqual([
      null,
      null,
      'stale',
      'stale',
    ]);
    const chip = screen.getByTestId('cluster-chips').querySelector(`[data-cluster-id="${BETA}"]`);
    expect(chip?.getAttribute('title')).toBe('No answer within 5 s.');
  });

  it('shows why the table could not be loaded', async () => {
    stubClusterBackend({
      selection: [ALPHA],
      snapshots: { namespaces: namespacesOf },
      extra: {
        'GET /api/v1/snapshots/pods': () =>
          jsonResponse({ error: { code: 'bad_scope', message: 'That scope is wrong.' } }, 400),
      },
    });
    render(<App />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Pods could not be loaded.');
    expect(alert.textContent).toContain('That scope is wrong.');
  });

  it('opens the active row in the object panel with its own clusterId', async () => {
    stubPods([ALPHA, BETA]);
    render(<App />);
    const grid = await podsGrid();
    fireEvent.focus(grid);
    fireEvent.keyDown(grid, { key: 'End' });
    fireEvent.keyDown(grid, { key: 'Enter' });

    const panel = await screen.findByTestId('object-panel');
    expect(within(panel).getByTestId('object-cluster-id').textContent).toBe(BETA);
    expect(within(panel).getByRole('heading').textContent).toBe('Pod shop/web-2');
  });

  it('re-syncs the shown clusters on Refresh, then fetches again', async () => {
    const bodies: unknown[] = [];
    const backend = stubClusterBackend({
      selection: [ALPHA, BETA],
      snapshots: { pods: podsOf, namespaces: namespacesOf },
      extra: {
        'POST /api/v1/refresh/pods': ({ init }) => {
          bodies.push(JSON.parse(String(init?.body)));
          return jsonResponse({ clusters: [] });
        },
      },
    });
    render(<App />);
    await podsGrid();
    const before = backend.requests.pods?.length ?? 0;
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    await waitFor(() => expect(backend.requests.pods?.length).toBe(before + 1));
    expect(bodies).toEqual([{ scopes: [`${ALPHA}|`, `${BETA}|`] }]);
  });

  it('fetches again when the catalog stream rings for pods in a shown cluster', async () => {
    const backend = stubPods([ALPHA, BETA]);
    render(<App />);
    await podsGrid();
    const stream = latestStream(CATALOG_STREAM_PATH);
    expect(stream.scopes).toEqual([`${ALPHA}|`, `${BETA}|`]);
    act(() => stream.open());
    const before = backend.requests.pods?.length ?? 0;

    stream.emit('change', {
      clusterId: BETA,
      kind: 'Pod',
      namespace: 'shop',
      name: 'web-3',
      type: 'ADDED',
      domains: ['pods', 'catalog'],
    });
    await waitFor(() => expect(backend.requests.pods?.length).toBe(before + 1));
  });
});

describe('the namespace sidebar', () => {
  it('shows one collapsible list per cluster when several are selected', async () => {
    stubPods([ALPHA, BETA]);
    render(<App />);
    const alpha = await screen.findByRole('region', { name: 'Namespaces of alpha' });
    const beta = screen.getByRole('region', { name: 'Namespaces of beta' });
    expect(within(alpha).getByRole('heading').textContent).toContain('alpha');
    expect(
      within(beta)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['▾beta', 'All namespaces', 'shop', 'team-a']);

    fireEvent.click(within(alpha).getByRole('button', { name: /alpha/, expanded: true }));
    expect(within(alpha).queryByRole('button', { name: 'shop' })).toBeNull();
    expect(within(beta).getByRole('button', { name: 'shop' })).toBeDefined();
  });

  it("narrows only that cluster's rows to a chosen namespace", async () => {
    const backend = stubPods([ALPHA, BETA]);
    render(<App />);
    await podsGrid();
    const beta = screen.getByRole('region', { name: 'Namespaces of beta' });
    fireEvent.click(within(beta).getByRole('button', { name: 'shop' }));

    await waitFor(() =>
      expect(backend.requests.pods?.at(-1)?.getAll('scope')).toEqual([
        `${ALPHA}|`,
        `${BETA}|namespace:shop`,
      ]),
    );
    expect(within(beta).getByRole('button', { name: 'shop' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    const alpha = screen.getByRole('region', { name: 'Namespaces of alpha' });
    expect(within(alpha).getByRole('button', { name: 'shop' }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    expect(localStorage.getItem(`regatta.namespaces|${BETA}`)).toBe('["shop"]');
  });

  it('shows a flat list with one cluster', async () => {
    stubPods([ALPHA]);
    render(<App />);
    const sidebar = await screen.findByRole('region', { name: 'Namespaces' });
    await within(sidebar).findByRole('button', { name: 'shop' });
    expect(screen.queryByRole('region', { name: 'Namespaces of alpha' })).toBeNull();
  });
});
