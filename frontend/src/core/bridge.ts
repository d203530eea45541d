/**
 * The kubeconfig bridge (CONTRACT §5). In the desktop window pywebview exposes the Python object
 * as `window.pywebview.api`; everywhere else (browser, headless, tests) the same object answers
 * `POST /api/v1/bridge/<method>`. Both paths resolve to the method's result or reject with a
 * ContractError.
 */
import { ContractError, isErrorBody, toContractError } from './contractError';
import { parseJson, postJson } from './http';
import type { BridgeCall, KubeconfigListing, Selection } from './types.generated';

/** Each bridge method's arguments and answer; the answers are generated contract types. */
export interface BridgeMethods {
  list_kubeconfigs: { args: []; result: KubeconfigListing };
  get_selection: { args: []; result: Selection };
  set_selection: { args: [clusterIds: string[]]; result: Selection };
}

export type BridgeMethod = keyof BridgeMethods;

type PywebviewFunction = (...args: unknown[]) => Promise<unknown>;

/** What pywebview injects: `api` is `{}` until its `pywebviewready` event. */
interface PywebviewHost {
  api: Record<string, PywebviewFunction | undefined>;
}

declare global {
  interface Window {
    pywebview?: PywebviewHost;
  }
}

const READY_EVENT = 'pywebviewready';

export async function callBridge<M extends BridgeMethod>(
  method: M,
  ...args: BridgeMethods[M]['args']
): Promise<BridgeMethods[M]['result']> {
  const viaWindow = await pywebviewFunction(method);
  if (viaWindow) return (await callPywebview(viaWindow, args)) as BridgeMethods[M]['result'];
  const body: BridgeCall = { args };
  return postJson<BridgeMethods[M]['result']>(`/api/v1/bridge/${encodeURIComponent(method)}`, body);
}

/**
 * pywebview's function for `method`, waiting for `pywebviewready` if the window has injected
 * its object but not filled in the api yet. Null outside the desktop window — and also before
 * pywebview injected anything, which is harmless: the HTTP route calls the same Python object.
 */
async function pywebviewFunction(method: string): Promise<PywebviewFunction | null> {
  const host = window.pywebview;
  if (!host) return null;
  if (Object.keys(host.api).length === 0) {
    await new Promise<void>((resolve) => {
      window.addEventListener(READY_EVENT, () => resolve(), { once: true });
    });
  }
  const fn = window.pywebview?.api[method];
  return typeof fn === 'function' ? fn : null;
}

/** pywebview rejects with an Error whose message is the JSON of `{error, status}` (desktop.py). */
async function callPywebview(fn: PywebviewFunction, args: unknown[]): Promise<unknown> {
  try {
    return await fn(...args);
  } catch (thrown) {
    const body = thrown instanceof Error ? parseJson(thrown.message) : undefined;
    if (isErrorBody(body)) {
      throw new ContractError(body.error, body.status ?? null);
    }
    throw toContractError(thrown, 'bridge_failed');
  }
}
