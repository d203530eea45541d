import { vi } from 'vitest';

/** A JSON answer as the backend would send it. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/**
 * Replaces `fetch` with a stub answering by path (`'POST /api/v1/bridge/list_kubeconfigs'` or
 * just `'/api/v1/health'` for any method). Unknown paths answer 404 in the contract's shape.
 */
export function stubBackend(routes: Record<string, () => Response>) {
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path =
      typeof input === 'string' ? input : input instanceof URL ? input.pathname : input.url;
    const method = init?.method ?? 'GET';
    const route = routes[`${method} ${path}`] ?? routes[path];
    if (route) return route();
    return jsonResponse({ error: { code: 'not_found', message: 'No such API endpoint.' } }, 404);
  });
  vi.stubGlobal('fetch', fetchStub);
  return fetchStub;
}
