/**
 * One aggregated table's rows, fetched from the server in blocks of PAGE_BLOCK_ROWS
 * (`limit`/`offset`) as the visible range asks for them. Sorting, filtering and paging happen on
 * the server; only blocks near the visible range are kept, so memory stays bounded whatever
 * `total` is. `refresh()` refetches the kept blocks (conditional requests: a 304 costs nothing).
 */
import { type ContractError, toContractError } from '../contractError';
import { Listeners } from '../listeners';
import type { SnapshotClusterPart, SnapshotItem } from '../types.generated';
import { PAGE_BLOCK_ROWS, PAGE_BLOCKS_KEPT } from './limits';
import type { SnapshotClient } from './snapshotClient';
import type { SnapshotQuery } from './snapshotQuery';

export interface PagedSnapshotView {
  status: 'loading' | 'ready' | 'failed';
  /** The last failure; rows already shown stay (with this error beside them). */
  error: ContractError | null;
  total: number;
  clusters: readonly SnapshotClusterPart[];
  version: string;
  /** Increases with every change, so subscribers know to render again. */
  revision: number;
}

export interface PagedSnapshotOptions {
  blockRows?: number;
  blocksKept?: number;
  /** Called with every answer's per-cluster parts (the cluster status store listens). */
  onParts?: (parts: readonly SnapshotClusterPart[]) => void;
}

const INITIAL_VIEW: PagedSnapshotView = {
  status: 'loading',
  error: null,
  total: 0,
  clusters: [],
  version: '',
  revision: 0,
};

export class PagedSnapshot {
  private readonly blocks = new Map<number, readonly SnapshotItem[]>();
  private readonly inflight = new Map<number, AbortController>();
  private readonly listeners = new Listeners();
  private readonly blockRows: number;
  private readonly blocksKept: number;
  private view: PagedSnapshotView = INITIAL_VIEW;
  private rangeStart = 0;
  private rangeEnd = 0;
  private active = false;

  constructor(
    private readonly client: SnapshotClient,
    readonly domain: string,
    readonly query: SnapshotQuery,
    private readonly options: PagedSnapshotOptions = {},
  ) {
    this.blockRows = options.blockRows ?? PAGE_BLOCK_ROWS;
    this.blocksKept = Math.max(2, options.blocksKept ?? PAGE_BLOCKS_KEPT);
  }

  /** Starts (or, after `stop`, restarts) loading the visible range. */
  start(): void {
    this.active = true;
    this.loadMissing();
  }

  /** Aborts every request; answers that still arrive are ignored. */
  stop(): void {
    this.active = false;
    for (const controller of this.inflight.values()) controller.abort();
    this.inflight.clear();
  }

  readonly subscribe = this.listeners.add;

  getView = (): PagedSnapshotView => this.view;

  /** The row at `index` of the whole result, or undefined while its block is not loaded. */
  rowAt(index: number): SnapshotItem | undefined {
    return this.blocks.get(Math.floor(index / this.blockRows))?.[index % this.blockRows];
  }

  /** The rows `start..end` (inclusive) are on screen: load their blocks, forget far ones. */
  setRange(start: number, end: number): void {
    this.rangeStart = Math.max(0, start);
    this.rangeEnd = Math.max(this.rangeStart, end);
    this.evictFarBlocks();
    this.loadMissing();
  }

  /** Fetch the blocks in range again (a doorbell rang, or the poll ticked). */
  refresh(): void {
    if (!this.active) return;
    for (const block of this.neededBlocks()) {
      if (!this.inflight.has(block)) void this.loadBlock(block);
    }
  }

  private neededBlocks(): number[] {
    const first = Math.floor(this.rangeStart / this.blockRows);
    let last = Math.floor(this.rangeEnd / this.blockRows);
    if (this.view.status !== 'loading') {
      last = Math.min(last, Math.max(0, Math.ceil(this.view.total / this.blockRows) - 1));
    }
    const blocks: number[] = [];
    for (let block = first; block <= Math.max(first, last); block += 1) blocks.push(block);
    return blocks;
  }

  private loadMissing(): void {
    if (!this.active) return;
    for (const block of this.neededBlocks()) {
      if (!this.blocks.has(block) && !this.inflight.has(block)) void this.loadBlock(block);
    }
  }

  private evictFarBlocks(): void {
    if (this.blocks.size <= this.blocksKept) return;
    const centre = Math.floor((this.rangeStart + this.rangeEnd) / 2 / this.blockRows);
    const byDistance = [...this.blocks.keys()].sort(
      (a, b) => Math.abs(b - centre) - Math.abs(a - centre),
    );
    const needed = new Set(this.neededBlocks());
    for (const block of byDistance) {
      if (this.blocks.size <= this.blocksKept) break;
      if (!needed.has(block)) this.blocks.delete(block);
    }
  }

  private async loadBlock(block: number): Promise<void> {
    const controller = new AbortController();
    this.inflight.set(block, controller);
    const query = { ...this.query, limit: this.blockRows, offset: block * this.blockRows };
    try {
      const { snapshot } = await this.client.fetch(this.domain, query, controller.signal);
      if (controller.signal.aborted) return;
      this.inflight.delete(block);
      this.blocks.set(block, snapshot.items);
      this.dropBlocksBeyond(snapshot.total);
      this.options.onParts?.(snapshot.clusters);
      this.publish({
        status: 'ready',
        error: null,
        total: snapshot.total,
        clusters: snapshot.clusters,
        version: snapshot.version,
      });
      // The range may reach further now that the total is known.
      this.loadMissing();
    } catch (thrown) {
      if (controller.signal.aborted) return;
      this.inflight.delete(block);
      this.publish({
        status: this.blocks.size > 0 ? 'ready' : 'failed',
        error: toContractError(thrown),
      });
    }
  }

  private dropBlocksBeyond(total: number): void {
    for (const block of this.blocks.keys()) {
      if (block > 0 && block * this.blockRows >= total) this.blocks.delete(block);
    }
  }

  private publish(change: Partial<PagedSnapshotView>): void {
    this.view = { ...this.view, ...change, revision: this.view.revision + 1 };
    this.listeners.tell();
  }
}
