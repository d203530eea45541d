/**
 * A merged stream of items (log lines, Kubernetes events) from many clusters (CONTRACT §7):
 * items go into a ring buffer (oldest dropped beyond its capacity), per-source `status` events
 * and the server's `dropped` notices are kept, and subscribers are told at most every
 * STREAM_FLUSH_MS, however fast items arrive.
 */
import { RingBuffer } from '../../shared/ringBuffer';
import { Listeners } from '../listeners';
import type { Dropped, SourceStatus } from '../types.generated';
import { openEventStream, type StreamState, streamUrl } from './eventStream';

export const STREAM_FLUSH_MS = 100;

export interface BufferedStreamOptions<T> {
  path: string;
  scopes: readonly string[];
  params?: Record<string, string | number | undefined>;
  /** The SSE event that carries an item, and how to tell a well-formed one. */
  itemEvent: string;
  isItem: (data: unknown) => data is T;
  capacity: number;
}

export interface BufferedStreamView {
  state: StreamState;
  /** Items received (kept or not). */
  received: number;
  /** Items the server dropped for a slow reader, and its last reason. */
  dropped: number;
  droppedReason: string | null;
  /** Latest status per `clusterId|source`. */
  statuses: ReadonlyMap<string, SourceStatus>;
  revision: number;
}

export class BufferedStream<T> {
  readonly items: RingBuffer<T>;
  private view: BufferedStreamView = {
    state: 'connecting',
    received: 0,
    dropped: 0,
    droppedReason: null,
    statuses: new Map(),
    revision: 0,
  };
  private readonly listeners = new Listeners();
  private close: (() => void) | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private pending: Partial<BufferedStreamView> = {};

  constructor(private readonly options: BufferedStreamOptions<T>) {
    this.items = new RingBuffer<T>(options.capacity);
  }

  start(): void {
    if (this.close || this.options.scopes.length === 0) return;
    this.close = openEventStream({
      url: streamUrl(this.options.path, this.options.scopes, this.options.params),
      events: {
        [this.options.itemEvent]: (data) => this.onItem(data),
        status: (data) => this.onStatus(data),
        dropped: (data) => this.onDropped(data),
      },
      onState: (state) => this.change({ state }),
    });
  }

  stop(): void {
    this.close?.();
    this.close = null;
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }

  readonly subscribe = this.listeners.add;

  getView = (): BufferedStreamView => this.view;

  private onItem(data: unknown): void {
    if (!this.options.isItem(data)) return;
    this.items.push(data);
    this.change({ received: (this.pending.received ?? this.view.received) + 1 });
  }

  private onStatus(data: unknown): void {
    if (typeof data !== 'object' || data === null) return;
    const status = data as SourceStatus;
    if (typeof status.clusterId !== 'string' || typeof status.source !== 'string') return;
    const statuses = new Map(this.pending.statuses ?? this.view.statuses);
    statuses.set(`${status.clusterId}|${status.source}`, status);
    this.change({ statuses });
  }

  private onDropped(data: unknown): void {
    const dropped = data as Partial<Dropped> | null;
    if (typeof dropped?.count !== 'number') return;
    this.change({
      dropped: (this.pending.dropped ?? this.view.dropped) + dropped.count,
      droppedReason: typeof dropped.reason === 'string' ? dropped.reason : null,
    });
  }

  private change(change: Partial<BufferedStreamView>): void {
    this.pending = { ...this.pending, ...change };
    if (this.flushTimer !== null) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.view = { ...this.view, ...this.pending, revision: this.view.revision + 1 };
      this.pending = {};
      this.listeners.tell();
    }, STREAM_FLUSH_MS);
  }
}
