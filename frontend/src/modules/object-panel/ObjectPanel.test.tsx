import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActionPermission, ObjectRef } from '../../core/types.generated';
import { type FakeRequest, jsonResponse, stubBackend } from '../../test/fakeBackend';
import { ObjectPanel } from './ObjectPanel';
import { ObjectPanelProvider, useObjectPanel } from './ObjectPanelProvider';
import { ObjectPanelSlot } from './ObjectPanelSlot';
import { objectScopeOf } from './objectScope';

afterEach(() => vi.unstubAllGlobals());

const BETA_POD: ObjectRef = {
  clusterId: 'dev.yaml:beta',
  group: '',
  version: 'v1',
  kind: 'Pod',
  namespace: 'shop',
  name: 'web-1',
  uid: 'uid-beta',
};
const ALPHA_POD: ObjectRef = { ...BETA_POD, clusterId: 'dev.yaml:alpha', uid: 'uid-alpha' };
const BETA_DEPLOYMENT: ObjectRef = {
  ...BETA_POD,
  group: 'apps',
  kind: 'Deployment',
  name: 'web',
  uid: 'uid-web',
};

function permission(
  action: ActionPermission['action'],
  allowed = true,
  reason: string | null = null,
): ActionPermission {
  return { action, applicable: true, allowed, reason, checks: [] };
}

function snapshotOf(request: FakeRequest, item: Record<string, unknown>) {
  const scope = request.url.searchParams.get('scope') ?? '';
  const clusterId = scope.slice(0, scope.indexOf('|'));
  const clusterName = clusterId.slice(clusterId.indexOf(':') + 1);
  return jsonResponse({
    domain: 'object',
    selectedClusterIds: [clusterId],
    scopes: [scope],
    version: '1',
    generatedAt: '2025-01-01T00:00:00Z',
    clusters: [],
    items: [{ clusterId, clusterName, ...item }],
    total: 1,
  });
}

function bodyOf(request: FakeRequest): { ref: ObjectRef; params: Record<string, unknown> } {
  return JSON.parse(String(request.init?.body)) as {
    ref: ObjectRef;
    params: Record<string, unknown>;
  };
}

/** A backend for one object; `actions` answers POST /api/v1/actions/<action>. */
function stubObjectBackend({
  permissions = [permission('delete'), permission('apply')],
  actions = {},
}: {
  permissions?: ActionPermission[];
  actions?: Record<string, (request: FakeRequest) => Response>;
} = {}) {
  const seen: FakeRequest[] = [];
  const routes: Record<string, (request: FakeRequest) => Response> = {
    'GET /api/v1/snapshots/object-details': (request) =>
      snapshotOf(request, {
        name: 'web-1',
        summary: { phase: 'Running' },
        labels: { app: 'web' },
        annotations: {},
        ownerReferences: [],
        conditions: [],
      }),
    'GET /api/v1/snapshots/object-yaml': (request) =>
      snapshotOf(request, {
        yaml: 'metadata:\n  name: web-1\n  resourceVersion: "7"\n',
        resourceVersion: '7',
      }),
    'GET /api/v1/snapshots/object-events': (request) => snapshotOf(request, {}),
    'POST /api/v1/actions/can-i': (request) =>
      jsonResponse({
        clusterId: bodyOf(request).ref.clusterId,
        clusterName: 'beta',
        ref: bodyOf(request).ref,
        actions: permissions,
      }),
  };
  for (const [action, answer] of Object.entries(actions)) {
    routes[`POST /api/v1/actions/${action}`] = (request) => {
      seen.push(request);
      return answer(request);
    };
  }
  stubBackend(routes);
  return seen;
}

function actionResult(request: FakeRequest, action: string, message: string) {
  const { ref } = bodyOf(request);
  return jsonResponse({
    action,
    clusterId: ref.clusterId,
    clusterName: 'beta',
    ref,
    message,
    dryRun: false,
    object: null,
    previous: null,
    pods: [],
  });
}

describe('ObjectPanel', () => {
  it('confirms a delete naming the object and the cluster, and sends the row clusterId', async () => {
    const seen = stubObjectBackend({
      actions: { delete: (request) => actionResult(request, 'delete', 'Deleted Pod shop/web-1.') },
    });
    render(<ObjectPanel objectRef={BETA_POD} onClose={() => {}} />);

    const deleteButton = await screen.findByRole('button', { name: 'Delete' });
    await waitFor(() => expect((deleteButton as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(deleteButton);
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('Pod shop/web-1');
    expect(dialog.textContent).toContain('on cluster beta');
    expect(seen).toHaveLength(0);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete on beta' }));
    expect(await screen.findByText('Deleted Pod shop/web-1.')).toBeTruthy();
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request && bodyOf(request).ref).toEqual(BETA_POD);
  });

  it('disables an action the cluster does not allow, with the reason as title', async () => {
    const reason = 'You may not delete pods in namespace shop on cluster beta.';
    stubObjectBackend({ permissions: [permission('delete', false, reason)] });
    render(<ObjectPanel objectRef={BETA_POD} onClose={() => {}} />);

    const deleteButton = screen.getByRole('button', { name: 'Delete' }) as HTMLButtonElement;
    await waitFor(() => expect(deleteButton.title).toBe(reason));
    expect(deleteButton.disabled).toBe(true);
  });

  it('shows a 403 from the backend', async () => {
    const message = 'You may not patch deployments/scale in namespace shop on cluster beta.';
    const seen = stubObjectBackend({
      permissions: [permission('scale'), permission('restart'), permission('delete')],
      actions: {
        scale: () => jsonResponse({ error: { code: 'forbidden', message } }, 403),
      },
    });
    render(<ObjectPanel objectRef={BETA_DEPLOYMENT} onClose={() => {}} />);

    fireEvent.change(screen.getByRole('spinbutton', { name: 'Replicas' }), {
      target: { value: '3' },
    });
    const scale = screen.getByRole('button', { name: 'Scale' }) as HTMLButtonElement;
    await waitFor(() => expect(scale.disabled).toBe(false));
    fireEvent.click(scale);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Scale was refused.');
    expect(alert.textContent).toContain(message);
    const [request] = seen;
    expect(request && bodyOf(request)).toEqual({ ref: BETA_DEPLOYMENT, params: { replicas: 3 } });
  });

  it('shows a 409 conflict on apply with a reload button', async () => {
    const conflict = 'Pod shop/web-1 changed on cluster beta since it was loaded.';
    const seen = stubObjectBackend({
      actions: {
        apply: (request) =>
          bodyOf(request).params.dryRun
            ? actionResult(request, 'apply', 'The change is valid (dry run).')
            : jsonResponse({ error: { code: 'conflict', message: conflict } }, 409),
      },
    });
    render(<ObjectPanel objectRef={BETA_POD} onClose={() => {}} />);

    fireEvent.click(screen.getByRole('tab', { name: 'YAML' }));
    expect((await screen.findByTestId('object-yaml')).textContent).toContain('name: web-1');
    const edit = screen.getByRole('button', { name: 'Edit' }) as HTMLButtonElement;
    await waitFor(() => expect(edit.disabled).toBe(false));
    fireEvent.click(edit);
    const editor = screen.getByRole('textbox', { name: 'Edited YAML' });
    fireEvent.change(editor, {
      target: { value: 'metadata:\n  name: web-1\n  labels: {a: b}\n  resourceVersion: "7"\n' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Preview changes' }));
    expect(await screen.findByText('The change is valid (dry run).')).toBeTruthy();
    expect(screen.getByText('+ labels: {a: b}', { exact: false })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(conflict);
    expect(seen.map((request) => bodyOf(request).params.dryRun)).toEqual([true, false]);

    fireEvent.click(within(alert).getByRole('button', { name: 'Reload the object' }));
    expect(await screen.findByTestId('object-yaml')).toBeTruthy();
  });
});

function Opener({ refs }: { refs: ObjectRef[] }) {
  const { openObject } = useObjectPanel();
  return (
    <>
      {refs.map((ref) => (
        <button key={objectScopeOf(ref)} type="button" onClick={() => openObject(ref)}>
          open {ref.clusterId}
        </button>
      ))}
    </>
  );
}

describe('ObjectPanelSlot', () => {
  it('keeps namesakes of two clusters in separate panels, each asking its own cluster', async () => {
    stubObjectBackend();
    render(
      <ObjectPanelProvider>
        <Opener refs={[ALPHA_POD, BETA_POD]} />
        <ObjectPanelSlot />
      </ObjectPanelProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'open dev.yaml:alpha' }));
    fireEvent.click(screen.getByRole('button', { name: 'open dev.yaml:beta' }));

    const panels = screen.getAllByTestId('object-panel');
    expect(panels.map((panel) => panel.dataset.clusterId)).toEqual([
      'dev.yaml:alpha',
      'dev.yaml:beta',
    ]);
    expect(panels.map((panel) => panel.hidden)).toEqual([true, false]);
    const fetchStub = vi.mocked(fetch);
    await waitFor(() => {
      const scopes = fetchStub.mock.calls
        .map(([input]) => new URL(String(input), 'http://127.0.0.1'))
        .filter((url) => url.pathname.endsWith('/object-details'))
        .map((url) => url.searchParams.get('scope'));
      expect(scopes).toEqual([objectScopeOf(ALPHA_POD), objectScopeOf(BETA_POD)]);
    });

    fireEvent.click(screen.getByRole('tab', { name: 'alpha: web-1' }));
    expect(screen.getAllByTestId('object-panel').map((panel) => panel.hidden)).toEqual([
      false,
      true,
    ]);
  });
});
