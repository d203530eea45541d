import { postJson } from '../http';
import type { RefreshRequest, RefreshResult } from '../types.generated';

/** `POST /api/v1/refresh/<domain>`: re-sync only these scopes' clusters (a fresh list). */
export function requestRefresh(domain: string, scopes: readonly string[]): Promise<RefreshResult> {
  const body: RefreshRequest = { scopes: [...scopes] };
  return postJson<RefreshResult>(`/api/v1/refresh/${encodeURIComponent(domain)}`, body);
}
