import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { protectionOf } from '../../shared/clusterSettings';
import { ClusterSettingsButton } from './ClusterSettingsDialog';

const VIEW = {
  rules: [{ match: '*gamma*', alias: null, color: null, protection: 'read-only' }],
  clusters: [
    {
      clusterId: 'prod.yaml:gamma',
      clusterName: 'gamma',
      alias: null,
      color: null,
      protection: 'read-only',
    },
  ],
  problems: ['Settings entry clusterSettings[1] is ignored: `color`: bad'],
};

afterEach(() => vi.unstubAllGlobals());

describe('cluster settings', () => {
  it('shows the stored rules and problems and saves the edited list as a whole', async () => {
    const calls: { method: string; body: unknown }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_path: string, init?: RequestInit) => {
        const method = init?.method ?? 'GET';
        const body = init?.body ? JSON.parse(String(init.body)) : null;
        calls.push({ method, body });
        const answer =
          method === 'PUT'
            ? {
                ...VIEW,
                rules: body.rules,
                clusters: [{ ...VIEW.clusters[0], protection: 'confirm' }],
                problems: [],
              }
            : VIEW;
        return new Response(JSON.stringify(answer), { status: 200 });
      }),
    );
    render(<ClusterSettingsButton />);
    fireEvent.click(screen.getByRole('button', { name: 'Cluster settings' }));
    const match = await screen.findByRole('textbox', { name: 'Match of rule 1' });
    expect((match as HTMLInputElement).value).toBe('*gamma*');
    expect(screen.getByRole('alert').textContent).toContain('clusterSettings[1]');
    expect(protectionOf('prod.yaml:gamma')).toBe('read-only');

    fireEvent.change(screen.getByRole('combobox', { name: 'Protection of rule 1' }), {
      target: { value: 'confirm' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(protectionOf('prod.yaml:gamma')).toBe('confirm'));
    expect(calls.at(-1)).toEqual({
      method: 'PUT',
      body: { rules: [{ match: '*gamma*', alias: null, color: null, protection: 'confirm' }] },
    });
  });
});
