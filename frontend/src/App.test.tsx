import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from './App';
import type { KubeconfigContext } from './core/types.generated';
import { THEME_STORAGE_KEY } from './shared/theme/theme';
import { jsonResponse, stubBackend } from './test/fakeBackend';

function context(name: string): KubeconfigContext {
  return {
    clusterId: `config:${name}`,
    clusterName: name,
    file: 'config',
    path: '/home/me/.kube/config',
    context: name,
    server: null,
    user: null,
    namespace: null,
    selected: false,
    disabled: false,
    disabledReason: null,
  };
}

function stubHealthyBackend(contexts: KubeconfigContext[]) {
  return stubBackend({
    'GET /api/v1/health': () => jsonResponse({ status: 'ok', version: '0.1.0' }),
    'POST /api/v1/bridge/list_kubeconfigs': () => jsonResponse({ sources: [], contexts }),
  });
}

afterEach(() => {
  localStorage.clear();
  delete document.documentElement.dataset.theme;
});

describe('App shell', () => {
  it('shows the product name, the backend status and the number of contexts', async () => {
    stubHealthyBackend([context('dev'), context('prod')]);
    render(<App />);

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Regatta');
    expect((await screen.findByTestId('context-count')).textContent).toBe('2');
    const sidebar = screen.getByRole('navigation', { name: 'Clusters' });
    expect(within(sidebar).getByText(/kubeconfig contexts/)).toBeDefined();
    expect(await screen.findByText('ok')).toBe(screen.getByTestId('health-status'));
  });

  it('says so when the contexts cannot be listed', async () => {
    stubBackend({ 'GET /api/v1/health': () => jsonResponse({ status: 'ok', version: '0.1.0' }) });
    render(<App />);

    expect(await screen.findByText('Kubeconfig contexts unavailable')).toBeDefined();
    expect(screen.queryByTestId('context-count')).toBeNull();
  });

  it('toggles between light and dark and remembers the choice', async () => {
    stubHealthyBackend([]);
    render(<App />);
    await screen.findByTestId('context-count');

    expect(document.documentElement.dataset.theme).toBe('light');
    fireEvent.click(screen.getByRole('button', { name: 'Use dark theme' }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');
    fireEvent.click(screen.getByRole('button', { name: 'Use light theme' }));
    expect(document.documentElement.dataset.theme).toBe('light');
  });
});
