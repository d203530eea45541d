import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { protect } from '../../test/clusterProtection';
import { type FakeRequest, jsonResponse, stubBackend } from '../../test/fakeBackend';
import { HelmActionConfirm } from './HelmActions';

const RELEASE = { clusterId: 'dev.yaml:alpha', namespace: 'shop', name: 'storefront' };

afterEach(async () => {
  await protect(RELEASE.clusterId, 'none');
  vi.unstubAllGlobals();
});

function stubRollback(): FakeRequest[] {
  const seen: FakeRequest[] = [];
  stubBackend({
    'POST /api/v1/actions/helm-rollback': (request) => {
      seen.push(request);
      return jsonResponse({ action: 'helm-rollback', message: 'Rolled back.' });
    },
  });
  return seen;
}

const paramsOf = (request: FakeRequest) =>
  (JSON.parse(String(request.init?.body)) as { params: Record<string, unknown> }).params;

function renderRollback(onDone: () => void) {
  render(
    <HelmActionConfirm
      release={RELEASE}
      clusterName="alpha"
      currentRevision={2}
      pending={{ kind: 'rollback', revision: 1 }}
      onClose={() => {}}
      onDone={onDone}
    />,
  );
  const dialog = screen.getByRole('alertdialog');
  const confirm = within(dialog).getByRole('button', {
    name: 'Roll back to 1 on alpha',
  }) as HTMLButtonElement;
  return { dialog, confirm };
}

describe('HelmActionConfirm', () => {
  it('asks for the cluster name on a confirm cluster and sends it with the rollback', async () => {
    await protect(RELEASE.clusterId, 'confirm');
    const seen = stubRollback();
    const onDone = vi.fn();
    const { dialog, confirm } = renderRollback(onDone);

    const name = within(dialog).getByRole('textbox', { name: 'Type alpha to confirm' });
    expect(confirm.disabled).toBe(true);
    fireEvent.change(name, { target: { value: 'Alpha' } });
    expect(confirm.disabled).toBe(true);
    fireEvent.change(name, { target: { value: 'alpha' } });
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);

    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(seen.map(paramsOf)).toEqual([{ revision: 1, confirmClusterName: 'alpha' }]);
  });

  it('rolls back without a name on an unprotected cluster', async () => {
    const seen = stubRollback();
    const onDone = vi.fn();
    const { dialog, confirm } = renderRollback(onDone);

    expect(within(dialog).queryByRole('textbox')).toBeNull();
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);

    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(seen.map(paramsOf)).toEqual([{ revision: 1 }]);
  });
});
