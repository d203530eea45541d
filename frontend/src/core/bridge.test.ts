import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, stubBackend } from '../test/fakeBackend';
import { callBridge } from './bridge';
import { ContractError } from './contractError';
import type { KubeconfigListing, Selection } from './types.generated';

const listing: KubeconfigListing = {
  sources: [{ path: '/home/me/.kube/config', file: 'config', error: null, line: null }],
  contexts: [
    {
      clusterId: 'config:dev',
      clusterName: 'dev',
      file: 'config',
      path: '/home/me/.kube/config',
      context: 'dev',
      server: 'https://127.0.0.1:6443',
      user: 'me',
      namespace: null,
      selected: false,
      disabled: false,
      disabledReason: null,
    },
  ],
};

const duplicate = {
  code: 'duplicate_context',
  message: '`dev` is already active. Duplicate context names are not allowed.',
};

afterEach(() => {
  delete window.pywebview;
});

describe('callBridge in the desktop window (pywebview)', () => {
  it('calls window.pywebview.api with the arguments and returns its result', async () => {
    const selection: Selection = { selectedClusterIds: ['config:dev'] };
    const setSelection = vi.fn(async () => selection);
    window.pywebview = { api: { set_selection: setSelection } };
    const fetchStub = stubBackend({});

    await expect(callBridge('set_selection', ['config:dev'])).resolves.toEqual(selection);
    expect(setSelection).toHaveBeenCalledWith(['config:dev']);
    expect(fetchStub).not.toHaveBeenCalled();
  });

  it('turns a rejected call carrying the error shape into a ContractError', async () => {
    const message = JSON.stringify({ error: duplicate, status: 409 });
    window.pywebview = {
      api: { set_selection: vi.fn(async () => Promise.reject(new Error(message))) },
    };

    const error = await callBridge('set_selection', ['a:dev', 'b:dev']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ error: duplicate, status: 409, message: duplicate.message });
  });

  it('reports any other failure as bridge_failed', async () => {
    window.pywebview = {
      api: { get_selection: vi.fn(async () => Promise.reject(new Error('boom'))) },
    };

    await expect(callBridge('get_selection')).rejects.toMatchObject({
      error: { code: 'bridge_failed', message: 'boom' },
      status: null,
    });
  });

  it('waits for pywebviewready when the api is not filled in yet', async () => {
    window.pywebview = { api: {} };
    const fetchStub = stubBackend({});
    const pending = callBridge('list_kubeconfigs');

    window.pywebview.api.list_kubeconfigs = vi.fn(async () => listing);
    window.dispatchEvent(new CustomEvent('pywebviewready'));

    await expect(pending).resolves.toEqual(listing);
    expect(fetchStub).not.toHaveBeenCalled();
  });
});

describe('callBridge over HTTP (browser, headless)', () => {
  it('posts {"args": [...]} to /api/v1/bridge/<method> with the session cookie', async () => {
    const fetchStub = stubBackend({
      'POST /api/v1/bridge/set_selection': () =>
        jsonResponse({ selectedClusterIds: ['config:dev'] }),
    });

    await expect(callBridge('set_selection', ['config:dev'])).resolves.toEqual({
      selectedClusterIds: ['config:dev'],
    });
    const [path, init] = fetchStub.mock.calls[0] ?? [];
    expect(path).toBe('/api/v1/bridge/set_selection');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(JSON.parse(String(init?.body))).toEqual({ args: [['config:dev']] });
  });

  it('throws the error shape of a non-2xx answer, with its status', async () => {
    stubBackend({
      'POST /api/v1/bridge/set_selection': () => jsonResponse({ error: duplicate }, 409),
    });

    const error = await callBridge('set_selection', ['a:dev', 'b:dev']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ error: duplicate, status: 409 });
  });

  it('names an answer without the error shape by its HTTP status', async () => {
    stubBackend({
      'POST /api/v1/bridge/get_selection': () =>
        new Response('<h1>Bad gateway</h1>', { status: 502 }),
    });

    await expect(callBridge('get_selection')).rejects.toMatchObject({
      error: { code: 'http_error' },
      status: 502,
    });
  });

  it('reports an unreachable backend as network_error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );

    await expect(callBridge('list_kubeconfigs')).rejects.toMatchObject({
      error: { code: 'network_error' },
      status: null,
    });
  });
});
