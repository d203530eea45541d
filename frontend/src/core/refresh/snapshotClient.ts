/**
 * Fetches snapshots with conditional requests: the answer's ETag (the snapshot version) is sent
 * back as If-None-Match, and a 304 reuses the cached snapshot — the same object, so views that
 * compare by identity do not re-render. The cache key is the URL, which names every scope and
 * so every clusterId.
 */
import { readJsonBody, sendRequest } from '../http';
import type { Snapshot } from '../types.generated';
import { SNAPSHOT_CACHE_ENTRIES } from './limits';
import { type SnapshotQuery, snapshotUrl } from './snapshotQuery';

export interface SnapshotAnswer {
  snapshot: Snapshot;
  /** True when the backend answered 304 and the cached snapshot was reused. */
  reused: boolean;
}

interface CachedSnapshot {
  etag: string;
  snapshot: Snapshot;
}

export class SnapshotClient {
  private readonly cache = new Map<string, CachedSnapshot>();

  constructor(private readonly maxEntries = SNAPSHOT_CACHE_ENTRIES) {}

  async fetch(domain: string, query: SnapshotQuery, signal?: AbortSignal): Promise<SnapshotAnswer> {
    const url = snapshotUrl(domain, query);
    const cached = this.cache.get(url);
    const headers = new Headers();
    if (cached) headers.set('If-None-Match', cached.etag);
    const response = await sendRequest(url, signal ? { headers, signal } : { headers });
    if (response.status === 304 && cached) {
      this.remember(url, cached);
      return { snapshot: cached.snapshot, reused: true };
    }
    const snapshot = await readJsonBody<Snapshot>(response, url);
    const etag = response.headers.get('ETag') ?? `"${snapshot.version}"`;
    this.remember(url, { etag, snapshot });
    return { snapshot, reused: false };
  }

  get size(): number {
    return this.cache.size;
  }

  private remember(url: string, entry: CachedSnapshot): void {
    this.cache.delete(url);
    this.cache.set(url, entry);
    while (this.cache.size > this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }
}
