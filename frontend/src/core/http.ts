import { ContractError, isErrorBody } from './contractError';

/**
 * JSON over the backend's HTTP API. Same-origin credentials carry the session cookie that
 * `GET /?token=…` set; every failure becomes a ContractError.
 */
export async function requestJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    throw new ContractError({
      code: 'network_error',
      message: `The Regatta backend cannot be reached: ${reason}`,
    });
  }
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
