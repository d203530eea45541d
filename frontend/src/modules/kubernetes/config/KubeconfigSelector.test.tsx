import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { diagnosticsEntry, diagnosticsReport } from '../../../test/diagnostics';
import { jsonResponse } from '../../../test/fakeBackend';
import {
  ALPHA,
  BETA,
  DUPLICATE_REASON,
  STAGING_DEV,
  STAGING_PROD,
  stubClusterBackend,
} from '../../../test/fakeClusters';
import { renderWithProviders } from '../../../test/renderWithProviders';
import { KubeconfigSelector } from './KubeconfigSelector';

afterEach(() => localStorage.clear());

async function openPicker() {
  renderWithProviders(<KubeconfigSelector />);
  await waitFor(() =>
    expect(screen.getByTestId('selection-label').textContent).not.toMatch(/Looking/),
  );
  fireEvent.click(screen.getByTestId('cluster-picker'));
  return screen.getByRole('dialog', { name: 'Kubeconfig contexts' });
}

function fileGroup(panel: HTMLElement, file: string): HTMLElement {
  return within(panel).getByRole('group', { name: file });
}

describe('KubeconfigSelector', () => {
  it('lists the contexts grouped by file, with the selection ticked', async () => {
    stubClusterBackend({ selection: [BETA] });
    const panel = await openPicker();

    expect(screen.getByTestId('selection-label').textContent).toBe('beta');
    const dev = fileGroup(panel, 'dev.yaml');
    expect(
      within(dev)
        .getAllByRole('checkbox')
        .map((box) => box.getAttribute('aria-label')),
    ).toEqual(['alpha', 'beta', 'staging']);
    expect((within(dev).getByRole('checkbox', { name: 'beta' }) as HTMLInputElement).checked).toBe(
      true,
    );
    expect((within(dev).getByRole('checkbox', { name: 'alpha' }) as HTMLInputElement).checked).toBe(
      false,
    );
  });

  it('disables a context whose name is active, with the exact sentence as tooltip and description', async () => {
    stubClusterBackend({ selection: [ALPHA, STAGING_DEV] });
    const panel = await openPicker();

    const duplicate = within(fileGroup(panel, 'prod.yaml')).getByRole('checkbox', {
      name: 'staging',
    });
    expect((duplicate as HTMLInputElement).disabled).toBe(true);
    expect(duplicate.getAttribute('title')).toBe(DUPLICATE_REASON);
    expect(duplicate.getAttribute('aria-description')).toBe(DUPLICATE_REASON);
    expect(duplicate.closest('label')?.getAttribute('title')).toBe(
      '`staging` is already active. Duplicate context names are not allowed.',
    );
    const active = within(fileGroup(panel, 'dev.yaml')).getByRole('checkbox', { name: 'staging' });
    expect((active as HTMLInputElement).disabled).toBe(false);
    expect(active.getAttribute('title')).toBeNull();
  });

  it('tells the duplicate-context reason in a tooltip the keyboard reaches', async () => {
    stubClusterBackend({ selection: [ALPHA, STAGING_DEV] });
    const panel = await openPicker();

    const mark = within(fileGroup(panel, 'prod.yaml')).getByRole('button', {
      name: 'Why staging cannot be used',
    });
    fireEvent.focus(mark);
    const tip = await screen.findByRole('tooltip');
    expect(tip.textContent).toBe(
      '`staging` is already active. Duplicate context names are not allowed.',
    );
    expect(mark.getAttribute('aria-describedby')).toBe(tip.id);
  });

  it('closes on Esc and gives the focus back to the picker button', async () => {
    stubClusterBackend({ selection: [BETA] });
    const panel = await openPicker();
    const search = within(panel).getByRole('searchbox', { name: 'Search contexts' });
    search.focus();
    fireEvent.keyDown(search, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(screen.getByTestId('cluster-picker'));
  });

  it('disables contexts the backend disables for other reasons, with their reason', async () => {
    stubClusterBackend();
    const panel = await openPicker();
    const orphan = within(fileGroup(panel, 'prod.yaml')).getByRole('checkbox', { name: 'orphan' });
    expect((orphan as HTMLInputElement).disabled).toBe(true);
    expect(orphan.getAttribute('title')).toBe(
      'The context `orphan` names cluster `gone`, which this file does not define.',
    );
  });

  it('shows a broken kubeconfig with its error and line', async () => {
    stubClusterBackend();
    const panel = await openPicker();
    expect(within(fileGroup(panel, 'broken.yaml')).getByRole('note').textContent).toBe(
      'mapping values are not allowed here (line 7)',
    );
  });

  it('selects through set_selection, appending in the order chosen', async () => {
    const backend = stubClusterBackend({ selection: [BETA] });
    const panel = await openPicker();
    fireEvent.click(within(fileGroup(panel, 'dev.yaml')).getByRole('checkbox', { name: 'alpha' }));

    await waitFor(() =>
      expect(screen.getByTestId('selection-label').textContent).toBe('beta, alpha'),
    );
    expect(backend.selection).toEqual([BETA, ALPHA]);
    const calls = backend.fetchStub.mock.calls.filter(([path]) =>
      String(path).endsWith('/set_selection'),
    );
    expect(JSON.parse(String(calls[0]?.[1]?.body))).toEqual({ args: [[BETA, ALPHA]] });
  });

  it('disables the duplicate as soon as its name becomes active', async () => {
    stubClusterBackend({ selection: [] });
    const panel = await openPicker();
    fireEvent.click(
      within(fileGroup(panel, 'dev.yaml')).getByRole('checkbox', { name: 'staging' }),
    );
    await waitFor(() =>
      expect(
        within(fileGroup(panel, 'prod.yaml'))
          .getByRole('checkbox', { name: 'staging' })
          .getAttribute('title'),
      ).toBe(DUPLICATE_REASON),
    );
  });

  it('shows a refused selection (409 duplicate_context, 404 unknown_cluster) and keeps the old one', async () => {
    const backend = stubClusterBackend({
      selection: [ALPHA],
      extra: {
        'POST /api/v1/bridge/set_selection': () =>
          jsonResponse(
            { error: { code: 'unknown_cluster', message: 'There is no cluster `dev.yaml:beta`.' } },
            404,
          ),
      },
    });
    const panel = await openPicker();
    const beta = within(fileGroup(panel, 'dev.yaml')).getByRole('checkbox', { name: 'beta' });
    fireEvent.click(beta);
    expect((beta as HTMLInputElement).checked).toBe(true);

    expect((await screen.findByTestId('selection-error')).textContent).toContain(
      'There is no cluster `dev.yaml:beta`.',
    );
    expect(screen.getByTestId('selection-label').textContent).toBe('alpha');
    expect(backend.selection).toEqual([ALPHA]);
    expect((beta as HTMLInputElement).checked).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('selection-error')).toBeNull();
  });

  it('shows a status dot per selected cluster from the diagnostics', async () => {
    stubClusterBackend({
      selection: [ALPHA, BETA],
      extra: {
        'GET /api/v1/diagnostics': () =>
          jsonResponse(
            diagnosticsReport([
              diagnosticsEntry(ALPHA),
              diagnosticsEntry(BETA, { status: 'unreachable', message: 'connection refused' }),
            ]),
          ),
      },
    });
    const panel = await openPicker();
    const dev = fileGroup(panel, 'dev.yaml');
    const dotOf = (clusterId: string) =>
      within(dev.querySelector(`[data-cluster-id="${clusterId}"]`) as HTMLElement).getByRole('img');
    await waitFor(() => expect(dotOf(BETA).dataset.status).toBe('unreachable'));
    expect(dotOf(BETA).getAttribute('title')).toBe('unreachable: connection refused');
    expect(dotOf(ALPHA).dataset.tone).toBe('ok');
    expect(dotOf(STAGING_DEV).dataset.status).toBe('unknown');
  });

  it('searches contexts across files', async () => {
    stubClusterBackend();
    const panel = await openPicker();
    fireEvent.change(within(panel).getByRole('searchbox', { name: 'Search contexts' }), {
      target: { value: 'stag' },
    });
    expect(
      within(panel)
        .getAllByRole('checkbox')
        .map((box) => box.closest('[data-cluster-id]')?.getAttribute('data-cluster-id')),
    ).toEqual([STAGING_DEV, STAGING_PROD]);
    fireEvent.change(within(panel).getByRole('searchbox', { name: 'Search contexts' }), {
      target: { value: 'nothing-like-this' },
    });
    expect(within(panel).getByText('No context matches.')).toBeDefined();
  });
});
