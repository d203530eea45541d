import { EditorView } from '@codemirror/view';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createRefreshServices,
  RefreshProvider,
  type RefreshServices,
} from '../../core/refresh/RefreshProvider';
import { CATALOG_STREAM_PATH } from '../../core/refresh/refreshCoordinator';
import { objectScope } from '../../core/refresh/scopes';
import type { ActionPermission, ObjectRef, ObjectSummary } from '../../core/types.generated';
import { protect } from '../../test/clusterProtection';
import { type FakeRequest, jsonResponse, stubBackend } from '../../test/fakeBackend';
import { installFakeEventSource, latestStream } from '../../test/fakeEventSource';
import { objectSummary } from '../../test/snapshots';
import { ObjectPanel } from './ObjectPanel';
import { ObjectPanelProvider, useObjectPanel } from './ObjectPanelProvider';
import { ObjectPanelSlot } from './ObjectPanelSlot';

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

const BETA_NODE: ObjectRef = {
  clusterId: 'dev.yaml:beta',
  group: '',
  version: 'v1',
  kind: 'Node',
  namespace: '',
  name: 'kwok-node-0',
  uid: 'uid-node',
};

function permission(
  action: ActionPermission['action'],
  allowed = true,
  reason: string | null = null,
  applicable = true,
): ActionPermission {
  return { action, applicable, allowed, reason, checks: [] };
}

/** `ui` with the app's refresh services (one snapshot client, a catalog stream for beta). */
function renderWithRefresh(ui: ReactNode, services: RefreshServices = createRefreshServices()) {
  installFakeEventSource();
  return render(
    <RefreshProvider clusterIds={['dev.yaml:beta']} services={services}>
      <ObjectPanelProvider>{ui}</ObjectPanelProvider>
    </RefreshProvider>,
  );
}

async function enabledButton(name: string): Promise<HTMLButtonElement> {
  const button = (await screen.findByRole('button', { name })) as HTMLButtonElement;
  await waitFor(() => expect(button.disabled).toBe(false));
  return button;
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
  summary = () => ({}),
}: {
  permissions?: ActionPermission[];
  actions?: Record<string, (request: FakeRequest) => Response>;
  /** The object-details summary, asked at every fetch. */
  summary?: () => Partial<ObjectSummary>;
} = {}) {
  const seen: FakeRequest[] = [];
  const routes: Record<string, (request: FakeRequest) => Response> = {
    'GET /api/v1/snapshots/object-details': (request) =>
      snapshotOf(request, {
        name: 'web-1',
        summary: objectSummary(summary()),
        labels: { app: 'web' },
        annotations: {},
        ownerReferences: [],
        conditions: [],
        facts: null,
        related: [],
        relatedNotes: [],
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

function bodyOfResult(request: FakeRequest, message: string) {
  const { ref } = bodyOf(request);
  return { action: 'apply', clusterId: ref.clusterId, clusterName: 'beta', ref, message, pods: [] };
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
    renderWithRefresh(<ObjectPanel objectRef={BETA_POD} onClose={() => {}} />);

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
    renderWithRefresh(<ObjectPanel objectRef={BETA_POD} onClose={() => {}} />);

    const deleteButton = (await screen.findByRole('button', {
      name: 'Delete',
    })) as HTMLButtonElement;
    await waitFor(() => expect(deleteButton.title).toBe(reason));
    expect(deleteButton.disabled).toBe(true);
  });

  it('starts Scale at the current replicas and confirms `3 → 1` naming the cluster', async () => {
    const message = 'You may not patch deployments/scale in namespace shop on cluster beta.';
    const seen = stubObjectBackend({
      permissions: [permission('scale'), permission('restart'), permission('delete')],
      summary: () => ({ replicas: 3 }),
      actions: {
        scale: () => jsonResponse({ error: { code: 'forbidden', message } }, 403),
      },
    });
    renderWithRefresh(<ObjectPanel objectRef={BETA_DEPLOYMENT} onClose={() => {}} />);

    const box = (await screen.findByRole('spinbutton', { name: 'Replicas' })) as HTMLInputElement;
    await waitFor(() => expect(box.value).toBe('3'));
    const scale = screen.getByRole('button', { name: 'Scale' }) as HTMLButtonElement;
    await waitFor(() => expect(scale.title).toBe('Deployment shop/web already has 3 replicas.'));
    expect(scale.disabled).toBe(true);

    fireEvent.change(box, { target: { value: '1' } });
    fireEvent.click(await enabledButton('Scale'));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('Scale Deployment shop/web on cluster beta?');
    expect(within(dialog).getByTestId('replica-change').textContent).toBe('Replicas: 3 → 1');
    expect(seen).toHaveLength(0);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Scale on beta' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Scale was refused.');
    expect(alert.textContent).toContain(message);
    const [request] = seen;
    expect(request && bodyOf(request)).toEqual({ ref: BETA_DEPLOYMENT, params: { replicas: 1 } });
  });

  it('follows the replicas when the object changes, and says that 0 stops every pod', async () => {
    let replicas = 3;
    stubObjectBackend({
      permissions: [permission('scale')],
      summary: () => ({ replicas }),
    });
    renderWithRefresh(<ObjectPanel objectRef={BETA_DEPLOYMENT} onClose={() => {}} />);
    const box = (await screen.findByRole('spinbutton', { name: 'Replicas' })) as HTMLInputElement;
    await waitFor(() => expect(box.value).toBe('3'));

    replicas = 5;
    act(() => {
      const stream = latestStream(CATALOG_STREAM_PATH);
      stream.open();
      stream.emit('change', {
        clusterId: BETA_DEPLOYMENT.clusterId,
        kind: 'Deployment',
        namespace: 'shop',
        name: 'another',
        type: 'MODIFIED',
        domains: ['workloads'],
      });
    });
    await waitFor(() => expect(box.value).toBe('5'));

    fireEvent.change(box, { target: { value: '0' } });
    fireEvent.click(await enabledButton('Scale'));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByTestId('replica-change').textContent).toBe('Replicas: 5 → 0');
    expect(dialog.textContent).toContain(
      'This stops every pod of Deployment shop/web on cluster beta.',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('confirms a restart naming the object and the cluster', async () => {
    const seen = stubObjectBackend({
      permissions: [permission('scale'), permission('restart')],
      summary: () => ({ replicas: 2 }),
      actions: { restart: (request) => actionResult(request, 'restart', 'Restarted.') },
    });
    renderWithRefresh(<ObjectPanel objectRef={BETA_DEPLOYMENT} onClose={() => {}} />);

    fireEvent.click(await enabledButton('Restart'));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('Restart Deployment shop/web on cluster beta?');
    expect(seen).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Restart on beta' }));
    expect(await screen.findByText('Restarted.')).toBeTruthy();
    expect(seen.map((request) => bodyOf(request).params)).toEqual([{}]);
  });

  it("offers kubectl's drain options and sends them", async () => {
    const seen = stubObjectBackend({
      permissions: [permission('cordon'), permission('uncordon'), permission('drain')],
      summary: () => ({ unschedulable: false }),
      actions: { drain: (request) => actionResult(request, 'drain', 'Drained node kwok-node-0.') },
    });
    renderWithRefresh(<ObjectPanel objectRef={BETA_NODE} onClose={() => {}} />);

    fireEvent.click(await enabledButton('Drain'));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('Drain Node kwok-node-0 on cluster beta?');
    const ignoreDaemonSets = within(dialog).getByRole('checkbox', { name: /Ignore DaemonSets/ });
    expect((ignoreDaemonSets as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Force/ }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Delete emptyDir data/ }));
    const timeout = within(dialog).getByRole('spinbutton', { name: /Timeout/ });
    fireEvent.change(timeout, { target: { value: '0' } });
    const confirm = within(dialog).getByRole('button', { name: 'Drain on beta' });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    expect(within(dialog).getByRole('alert').textContent).toContain('timeout must be 1 to 3600');
    fireEvent.change(timeout, { target: { value: '60' } });
    fireEvent.change(within(dialog).getByRole('spinbutton', { name: /Grace period/ }), {
      target: { value: '30' },
    });
    fireEvent.click(confirm);

    expect(await screen.findByText('Drained node kwok-node-0.')).toBeTruthy();
    expect(seen.map((request) => bodyOf(request).params)).toEqual([
      { force: true, deleteEmptyDirData: true, gracePeriodSeconds: 30, timeoutSeconds: 60 },
    ]);
  });

  it('enables only the one of Cordon and Uncordon that changes the node', async () => {
    let unschedulable = false;
    stubObjectBackend({
      permissions: [permission('cordon'), permission('uncordon'), permission('drain')],
      summary: () => ({ unschedulable }),
      actions: {
        cordon: (request) => {
          unschedulable = true;
          return actionResult(request, 'cordon', 'Cordoned.');
        },
      },
    });
    renderWithRefresh(<ObjectPanel objectRef={BETA_NODE} onClose={() => {}} />);

    const cordon = await enabledButton('Cordon');
    const uncordon = screen.getByRole('button', { name: 'Uncordon' }) as HTMLButtonElement;
    expect(uncordon.disabled).toBe(true);
    expect(uncordon.title).toBe('The node is not cordoned.');

    fireEvent.click(cordon);
    expect(await screen.findByText('Cordoned.')).toBeTruthy();
    await waitFor(() => expect(cordon.disabled).toBe(true));
    expect(cordon.title).toBe('The node is already cordoned.');
    expect(uncordon.disabled).toBe(false);
  });

  it('shows the actions can-i finds applicable: Scale for a custom resource, none for a pod', async () => {
    const backup: ObjectRef = {
      ...BETA_POD,
      group: 'ops.example.com',
      kind: 'Backup',
      name: 'nightly',
    };
    stubObjectBackend({
      permissions: [
        permission('delete'),
        permission('scale'),
        permission('restart', false, 'Backup objects cannot be restarted.', false),
      ],
    });
    const { unmount } = renderWithRefresh(<ObjectPanel objectRef={backup} onClose={() => {}} />);
    fireEvent.change(await screen.findByRole('spinbutton', { name: 'Replicas' }), {
      target: { value: '2' },
    });
    await enabledButton('Scale');
    expect(screen.queryByRole('button', { name: 'Restart' })).toBeNull();
    unmount();

    stubObjectBackend({
      permissions: [
        permission('delete'),
        permission('scale', false, 'Pod objects cannot be scaled.', false),
      ],
    });
    renderWithRefresh(<ObjectPanel objectRef={BETA_POD} onClose={() => {}} />);
    await enabledButton('Delete');
    expect(screen.queryByRole('button', { name: 'Scale' })).toBeNull();
  });

  it('disables every action on a timing-out cluster, and titles a timeout as one', async () => {
    const services = createRefreshServices();
    stubObjectBackend({
      permissions: [permission('scale'), permission('delete')],
      summary: () => ({ replicas: 3 }),
      actions: {
        delete: () =>
          jsonResponse(
            {
              error: {
                code: 'cluster_timeout',
                message: 'Cluster beta did not answer in time; nothing is known to have changed.',
              },
            },
            504,
          ),
      },
    });
    renderWithRefresh(<ObjectPanel objectRef={BETA_DEPLOYMENT} onClose={() => {}} />, services);
    fireEvent.click(await enabledButton('Delete'));
    fireEvent.click(
      within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete on beta' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Delete timed out: cluster beta did not answer.');
    expect(alert.textContent).not.toContain('refused');

    act(() =>
      services.statuses.reportDiagnostics([
        { clusterId: BETA_DEPLOYMENT.clusterId, status: 'timeout', message: 'no answer in 3 s' },
      ]),
    );
    const reason =
      'Cluster beta is timing out: no answer in 3 s. Actions wait until it answers again.';
    expect(screen.getByTestId('actions-blocked').textContent).toBe(reason);
    for (const name of ['Scale', 'Delete']) {
      const button = screen.getByRole('button', { name }) as HTMLButtonElement;
      expect(button.disabled).toBe(true);
      expect(button.title).toBe(reason);
    }
    act(() =>
      services.statuses.reportDiagnostics([
        { clusterId: BETA_DEPLOYMENT.clusterId, status: 'ready', message: null },
      ]),
    );
    await enabledButton('Delete');
  });

  it('shows a 409 conflict on apply with a reload button', async () => {
    const conflict = 'Pod shop/web-1 changed on cluster beta since it was loaded.';
    const seen = stubObjectBackend({
      actions: {
        apply: (request) =>
          bodyOf(request).params.dryRun
            ? jsonResponse({
                ...bodyOfResult(request, 'The change is valid (dry run).'),
                dryRun: true,
                previous: { metadata: { name: 'web-1', resourceVersion: '7' } },
                object: { metadata: { name: 'web-1', labels: { a: 'b' }, resourceVersion: '7' } },
              })
            : jsonResponse({ error: { code: 'conflict', message: conflict } }, 409),
      },
    });
    renderWithRefresh(<ObjectPanel objectRef={BETA_POD} onClose={() => {}} />);

    fireEvent.click(screen.getByRole('tab', { name: 'YAML' }));
    expect((await screen.findByTestId('object-yaml')).textContent).toContain('name: web-1');
    const edit = screen.getByRole('button', { name: 'Edit' }) as HTMLButtonElement;
    await waitFor(() => expect(edit.disabled).toBe(false));
    fireEvent.click(edit);
    const editor = screen.getByRole('region', { name: 'Edited YAML' });
    const view = EditorView.findFromDOM(editor.querySelector('.cm-editor') as HTMLElement);
    act(() => {
      view?.dispatch({
        changes: {
          from: 0,
          to: view.state.doc.length,
          insert: 'metadata:\n  name: web-1\n  labels: {a: b}\n  resourceVersion: "7"\n',
        },
      });
    });
    fireEvent.click(await enabledButton('Preview changes'));
    expect(await screen.findByText('The change is valid (dry run).')).toBeTruthy();
    expect((await screen.findByTestId('code-diff')).textContent).toContain('a: b');

    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(conflict);
    expect(seen.map((request) => bodyOf(request).params.dryRun)).toEqual([true, false]);

    fireEvent.click(within(alert).getByRole('button', { name: 'Reload the object' }));
    expect(await screen.findByTestId('object-yaml')).toBeTruthy();
  });
});

describe('YAML Apply on a protected cluster', () => {
  afterEach(async () => {
    await protect('dev.yaml:beta', 'none');
  });

  /** A backend whose apply answers a valid dry run, then that the object was applied. */
  function stubApply() {
    return stubObjectBackend({
      actions: {
        apply: (request) =>
          jsonResponse({
            ...bodyOfResult(
              request,
              bodyOf(request).params.dryRun ? 'The change is valid (dry run).' : 'Applied.',
            ),
            dryRun: Boolean(bodyOf(request).params.dryRun),
            previous: { metadata: { name: 'web-1', resourceVersion: '7' } },
            object: { metadata: { name: 'web-1', labels: { a: 'b' }, resourceVersion: '7' } },
          }),
      },
    });
  }

  async function editAndPreview() {
    renderWithRefresh(<ObjectPanel objectRef={BETA_POD} onClose={() => {}} />);
    fireEvent.click(screen.getByRole('tab', { name: 'YAML' }));
    fireEvent.click(await enabledButton('Edit'));
    const editor = screen.getByRole('region', { name: 'Edited YAML' });
    const view = EditorView.findFromDOM(editor.querySelector('.cm-editor') as HTMLElement);
    act(() => {
      view?.dispatch({
        changes: {
          from: 0,
          to: view.state.doc.length,
          insert: 'metadata:\n  name: web-1\n  labels: {a: b}\n  resourceVersion: "7"\n',
        },
      });
    });
    fireEvent.click(await enabledButton('Preview changes'));
    expect(await screen.findByText('The change is valid (dry run).')).toBeTruthy();
  }

  it('asks for the cluster name on a confirm cluster and sends it with the apply', async () => {
    await protect('dev.yaml:beta', 'confirm');
    const seen = stubApply();
    await editAndPreview();

    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('Apply the edited Pod shop/web-1 on cluster beta?');
    const confirm = within(dialog).getByRole('button', {
      name: 'Apply on beta',
    }) as HTMLButtonElement;
    const name = within(dialog).getByRole('textbox', { name: 'Type beta to confirm' });
    expect(confirm.disabled).toBe(true);
    fireEvent.change(name, { target: { value: 'bet' } });
    expect(confirm.disabled).toBe(true);
    fireEvent.change(name, { target: { value: 'beta' } });
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);

    expect(await screen.findByText('Applied.')).toBeTruthy();
    const applied = seen.map((request) => bodyOf(request).params);
    expect(applied.map((params) => [params.dryRun, params.confirmClusterName])).toEqual([
      [true, undefined],
      [false, 'beta'],
    ]);
  });

  it('asks for the cluster name before a panel Delete on a confirm cluster', async () => {
    await protect('dev.yaml:beta', 'confirm');
    const seen = stubObjectBackend({
      actions: { delete: (request) => actionResult(request, 'delete', 'Deleted Pod shop/web-1.') },
    });
    renderWithRefresh(<ObjectPanel objectRef={BETA_POD} onClose={() => {}} />);

    fireEvent.click(await enabledButton('Delete'));
    const dialog = screen.getByRole('alertdialog');
    const confirm = within(dialog).getByRole('button', {
      name: 'Delete on beta',
    }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Type beta to confirm' }), {
      target: { value: 'beta' },
    });
    fireEvent.click(confirm);

    expect(await screen.findByText('Deleted Pod shop/web-1.')).toBeTruthy();
    expect(seen.map((request) => bodyOf(request).params.confirmClusterName)).toEqual(['beta']);
  });

  it('applies at once, without a name, on an unprotected cluster', async () => {
    const seen = stubApply();
    await editAndPreview();

    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByText('Applied.')).toBeTruthy();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(seen.map((request) => 'confirmClusterName' in bodyOf(request).params)).toEqual([
      false,
      false,
    ]);
  });
});

function Opener({ refs }: { refs: ObjectRef[] }) {
  const { openObject } = useObjectPanel();
  return (
    <>
      {refs.map((ref) => (
        <button key={objectScope(ref)} type="button" onClick={() => openObject(ref)}>
          open {ref.clusterId}
        </button>
      ))}
    </>
  );
}

describe('ObjectPanelSlot', () => {
  it('keeps namesakes of two clusters in separate panels, each asking its own cluster', async () => {
    stubObjectBackend();
    renderWithRefresh(
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
      expect(scopes).toEqual([objectScope(ALPHA_POD), objectScope(BETA_POD)]);
    });

    fireEvent.click(screen.getByRole('tab', { name: 'alpha: web-1' }));
    expect(screen.getAllByTestId('object-panel').map((panel) => panel.hidden)).toEqual([
      false,
      true,
    ]);
  });
});
