/**
 * Decides when snapshots are fetched again. The catalog stream (`GET /api/v1/streams/catalog`)
 * rings a doorbell per change, `{clusterId, domains, …}`; every watch of one of those domains that
 * covers that cluster refetches once the doorbells of DOORBELL_COALESCE_MS are gathered. Only
 * while the stream is down do the watches poll, every FALLBACK_POLL_MS; when it comes back every
 * watch refetches once, for the changes it may have missed. The same stream pushes each cluster's
 * health (`event: cluster`, CONTRACT §14) to the health listeners, and every port-forward change
 * (`event: port-forward`) to the forward listeners.
 */
import { Listeners } from '../listeners';
import type { CatalogChange, ClusterHealth, PortForwardEvent } from '../types.generated';
import {
  type EventStreamOptions,
  openEventStream,
  type StreamState,
  streamUrl,
} from './eventStream';
import { DOORBELL_COALESCE_MS, FALLBACK_POLL_MS } from './limits';
import { clusterScope } from './scopes';

export const CATALOG_STREAM_PATH = '/api/v1/streams/catalog';

interface Watch {
  /** Whether a doorbell of one of `clusterIds` concerns this watch. */
  matches: (change: CatalogChange) => boolean;
  clusterIds: ReadonlySet<string>;
  refetch: () => void;
  pending: ReturnType<typeof setTimeout> | null;
}

export type StreamOpener = (options: EventStreamOptions) => () => void;

export class RefreshCoordinator {
  private readonly watches = new Set<Watch>();
  private readonly stateListeners = new Listeners();
  private readonly healthListeners = new Listeners<[ClusterHealth]>();
  private readonly forwardListeners = new Listeners<[PortForwardEvent]>();
  private clusterKey = '';
  private closeStream: (() => void) | null = null;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private streamState: StreamState = 'down';
  /** The stream failed since it was last open: changes may have been missed. */
  private missedChanges = false;

  constructor(private readonly openStream: StreamOpener = openEventStream) {}

  /** Follows the catalog stream of exactly these clusters (none: no stream). */
  setClusters(clusterIds: readonly string[]): void {
    const key = clusterIds.join('\n');
    if (key === this.clusterKey && (this.closeStream || clusterIds.length === 0)) return;
    this.clusterKey = key;
    this.closeStream?.();
    this.closeStream = null;
    if (clusterIds.length === 0) {
      this.stopPolling();
      this.missedChanges = false;
      this.streamState = 'down';
      this.stateListeners.tell();
      return;
    }
    this.closeStream = this.openStream({
      url: streamUrl(CATALOG_STREAM_PATH, clusterIds.map(clusterScope)),
      events: {
        change: (data) => this.ring(data),
        cluster: (data) => isClusterHealth(data) && this.healthListeners.tell(data),
        'port-forward': (data) => isPortForwardEvent(data) && this.forwardListeners.tell(data),
      },
      onState: (state) => this.setState(state),
    });
  }

  /** Calls a listener with every `event: cluster` of the stream; returns the unsubscribe. */
  readonly onClusterHealth = this.healthListeners.add;

  /** Calls a listener with every `event: port-forward` of the stream; returns the unsubscribe. */
  readonly onPortForward = this.forwardListeners.add;

  /** Calls `refetch` when `domain` changed in one of `clusterIds`; returns the unwatch function. */
  watch(domain: string, clusterIds: Iterable<string>, refetch: () => void): () => void {
    return this.add((change) => change.domains.includes(domain), clusterIds, refetch);
  }

  /**
   * Calls `refetch` when an object of `kind` changed in `clusterId` (a single object's view). A
   * doorbell names only the last change of its kind, so the object's own name cannot be matched.
   */
  watchKind(clusterId: string, kind: string, refetch: () => void): () => void {
    return this.add((change) => change.kind === kind, [clusterId], refetch);
  }

  private add(
    matches: Watch['matches'],
    clusterIds: Iterable<string>,
    refetch: () => void,
  ): () => void {
    const watch: Watch = { matches, clusterIds: new Set(clusterIds), refetch, pending: null };
    this.watches.add(watch);
    return () => {
      if (watch.pending !== null) clearTimeout(watch.pending);
      this.watches.delete(watch);
    };
  }

  get state(): StreamState {
    return this.streamState;
  }

  readonly subscribeState = this.stateListeners.add;

  getState = (): StreamState => this.streamState;

  dispose(): void {
    this.closeStream?.();
    this.closeStream = null;
    this.clusterKey = '';
    this.stopPolling();
    for (const watch of this.watches) if (watch.pending !== null) clearTimeout(watch.pending);
    this.watches.clear();
  }

  /** Every watch covering `clusterId` refetches (its health changed: all its parts may have). */
  ringCluster(clusterId: string): void {
    for (const watch of this.watches) if (watch.clusterIds.has(clusterId)) this.schedule(watch);
  }

  private ring(data: unknown): void {
    if (!isCatalogChange(data)) return;
    for (const watch of this.watches) {
      if (watch.clusterIds.has(data.clusterId) && watch.matches(data)) {
        this.schedule(watch);
      }
    }
  }

  private schedule(watch: Watch): void {
    if (watch.pending !== null) return;
    watch.pending = setTimeout(() => {
      watch.pending = null;
      watch.refetch();
    }, DOORBELL_COALESCE_MS);
  }

  private setState(state: StreamState): void {
    if (state === this.streamState) return;
    this.streamState = state;
    if (state === 'down') this.missedChanges = true;
    // Poll while the stream is down, and while it reconnects after having been down.
    if (state === 'open') this.stopPolling();
    else if (this.missedChanges) this.startPolling();
    if (state === 'open' && this.missedChanges) {
      this.missedChanges = false;
      this.refetchAll();
    }
    this.stateListeners.tell();
  }

  private startPolling(): void {
    if (this.pollTimer !== null) return;
    this.pollTimer = setInterval(() => this.refetchAll(), FALLBACK_POLL_MS);
  }

  private stopPolling(): void {
    if (this.pollTimer === null) return;
    clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  private refetchAll(): void {
    for (const watch of this.watches) watch.refetch();
  }
}

function isClusterHealth(value: unknown): value is ClusterHealth {
  if (typeof value !== 'object' || value === null) return false;
  const health = value as Partial<Record<keyof ClusterHealth, unknown>>;
  return typeof health.clusterId === 'string' && typeof health.status === 'string';
}

function isCatalogChange(value: unknown): value is CatalogChange {
  if (typeof value !== 'object' || value === null) return false;
  const change = value as Partial<Record<keyof CatalogChange, unknown>>;
  return typeof change.clusterId === 'string' && Array.isArray(change.domains);
}

function isPortForwardEvent(value: unknown): value is PortForwardEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Partial<Record<keyof PortForwardEvent, unknown>>;
  return (
    (event.type === 'updated' || event.type === 'removed') &&
    typeof event.forward === 'object' &&
    event.forward !== null
  );
}
