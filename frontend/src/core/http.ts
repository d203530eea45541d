import { ContractError, isErrorBody } from './contractError';

/**
 * JSON over the backend's HTTP API. Same-origin credentials carry the session cookie that
 * `GET /?token=…` set; every failure becomes a ContractError (an aborted request rethrows the
 * abort as it is, so callers can tell "superseded" from "failed").
 */
export async function requestJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  return readJsonBody<T>(await sendRequest(path, init), path);
}

/** The raw response of a backend request; only a failure to reach the backend throws. */
export async function sendRequest(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  try {
    return await fetch(path, { ...init, headers, credentials: 'same-origin' });
  } catch (thrown) {
    if (init.signal?.aborted) throw thrown;
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    throw new ContractError({
      code: 'network_error',
      message: `The Regatta backend cannot be reached: ${reason}`,
    });
  }
}

/** The JSON body of a 2xx answer; any other answer as a ContractError. */
export async function readJsonBody<T>(response: Response, path: string): Promise<T> {
  const body = parseJson(await response.text());
  if (!response.ok) {
    if (isErrorBody(body)) throw new ContractError(body.error, response.status);
    throw new ContractError(
      {
        code: 'http_error',
        message: `The backend answered ${response.status} ${response.statusText}`.trim(),
      },
      response.status,
    );
  }
  if (body === undefined) {
    throw new ContractError(
      { code: 'bad_response', message: `The backend's answer to ${path} is not JSON.` },
      response.status,
    );
  }
  return body as T;
}

/** The parsed text, or undefined when it is not JSON (an error page, an empty body). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function postJson<T>(path: string, body: unknown): Promise<T> {
  return requestJson<T>(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}
