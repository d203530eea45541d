import { postJson } from '../http';
import type { RefreshResult } from '../types.generated';

/** `POST /api/v1/refresh/<domain>`: re-sync only these scopes' clusters (a fresh list). */
export function requestRefresh(domain: string, scopes: readonly string[]): Promise<RefreshResult> {
  return postJson<RefreshResult>(`/api/v1/refresh/${encodeURIComponent(domain)}`, { scopes });
}
