import { vi } from 'vitest';

/** A JSON answer as the backend would send it. */
export function jsonResponse(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** What a route sees of the request: the parsed URL (query included) and the fetch init. */
export interface FakeRequest {
  url: URL;
  init: RequestInit | undefined;
  headers: Headers;
}

export type FakeRoute = (request: FakeRequest) => Response | Promise<Response>;

/**
 * Replaces `fetch` with a stub answering by path (`'POST /api/v1/bridge/list_kubeconfigs'` or
 * just `'/api/v1/health'` for any method; the query string is not part of the match). Unknown
 * paths answer 404 in the contract's shape.
 */
export function stubBackend(routes: Record<string, FakeRoute>) {
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(raw, 'http://127.0.0.1');
    const method = init?.method ?? 'GET';
    const route = routes[`${method} ${url.pathname}`] ?? routes[url.pathname];
    if (init?.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
    if (route) return route({ url, init, headers: new Headers(init?.headers) });
    return jsonResponse({ error: { code: 'not_found', message: 'No such API endpoint.' } }, 404);
  });
  vi.stubGlobal('fetch', fetchStub);
  return fetchStub;
}
