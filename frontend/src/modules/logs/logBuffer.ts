/**
 * The lines one log session keeps, in time order, with honest recovery markers.
 *
 * The server sends lines merged by time; a line it marks `late` (its source caught up after an
 * outage, after later lines had already gone out) is put at its time position here, never
 * appended out of order. Each run of late lines from one cluster gets one marker row placed before
 * the first of them: "beta: 23 lines recovered after reconnect". At most `cap` lines are kept;
 * the oldest go first and are counted in `trimmed`.
 *
 * Mutable on purpose (50k lines at 2k lines/s): `revision` goes up on every change, so a view
 * re-reads `entries` only when it changed.
 */
import type { LogLine } from '../../core/types.generated';
import { sourceKey } from './logSources';

export const DEFAULT_LOG_CAP = 50_000;

export interface LineEntry {
  kind: 'line';
  id: number;
  line: LogLine;
}

export interface MarkerEntry {
  kind: 'marker';
  id: number;
  clusterId: string;
  clusterName: string;
  /** Lines recovered in this run (the marker's text counts them). */
  count: number;
  /** Timestamp of the earliest recovered line (the marker sits just before it). */
  timestamp: string;
}

export type LogEntry = LineEntry | MarkerEntry;

/** Merge order of the server (contract §7): timestamp, then clusterId, pod, container. */
export function compareLines(a: LogLine, b: LogLine): number {
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp ? -1 : 1;
  if (a.clusterId !== b.clusterId) return a.clusterId < b.clusterId ? -1 : 1;
  if (a.pod !== b.pod) return a.pod < b.pod ? -1 : 1;
  if (a.container !== b.container) return a.container < b.container ? -1 : 1;
  return 0;
}

export function markerText(marker: Pick<MarkerEntry, 'clusterName' | 'count'>): string {
  return `${marker.clusterName}: ${marker.count} ${marker.count === 1 ? 'line' : 'lines'} recovered after reconnect`;
}

export class LogBuffer {
  entries: LogEntry[] = [];
  /** Lines dropped because the cap was reached (oldest first). */
  trimmed = 0;
  /** Lines kept (markers not counted). */
  lines = 0;
  revision = 0;
  /** The first line seen of every source (cluster/namespace/pod/container), by source key. */
  readonly sources = new Map<string, LogLine>();
  private nextId = 1;
  /** The open recovery marker per cluster: late lines keep counting into it until a line of
   * that cluster arrives on time again. */
  private openMarkers = new Map<string, MarkerEntry>();

  constructor(public cap: number = DEFAULT_LOG_CAP) {}

  add(batch: readonly LogLine[]): void {
    if (batch.length === 0) return;
    for (const line of batch) {
      const source = sourceKey(line);
      if (!this.sources.has(source)) this.sources.set(source, line);
      if (line.late) this.insertLate(line);
      else {
        this.openMarkers.delete(line.clusterId);
        this.entries.push({ kind: 'line', id: this.nextId++, line });
        this.lines += 1;
      }
    }
    this.trim();
    this.revision += 1;
  }

  clear(): void {
    this.entries = [];
    this.lines = 0;
    this.trimmed = 0;
    this.sources.clear();
    this.openMarkers.clear();
    this.revision += 1;
  }

  private insertLate(line: LogLine): void {
    const at = this.positionOf(line);
    const entry: LineEntry = { kind: 'line', id: this.nextId++, line };
    const marker = this.openMarkers.get(line.clusterId);
    if (marker) {
      marker.count += 1;
      if (line.timestamp < marker.timestamp) {
        // Earlier than the run's first line: the marker moves in front of it.
        this.entries.splice(this.entries.indexOf(marker), 1);
        const moved = this.positionOf(line);
        marker.timestamp = line.timestamp;
        this.entries.splice(moved, 0, marker, entry);
      } else this.entries.splice(at, 0, entry);
    } else {
      const created: MarkerEntry = {
        kind: 'marker',
        id: this.nextId++,
        clusterId: line.clusterId,
        clusterName: line.clusterName,
        count: 1,
        timestamp: line.timestamp,
      };
      this.openMarkers.set(line.clusterId, created);
      this.entries.splice(at, 0, created, entry);
    }
    this.lines += 1;
  }

  /** Index after every line that sorts at or before `line` (markers stay with their lines). */
  private positionOf(line: LogLine): number {
    const entries = this.entries;
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const entry = entries[middle] as LogEntry;
      const before =
        entry.kind === 'line'
          ? compareLines(entry.line, line) <= 0
          : entry.timestamp < line.timestamp ||
            (entry.timestamp === line.timestamp && entry.clusterId <= line.clusterId);
      if (before) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private trim(): void {
    const excess = this.lines - this.cap;
    if (excess <= 0) return;
    let dropped = 0;
    let cut = 0;
    const entries = this.entries;
    while (cut < entries.length && dropped < excess) {
      if ((entries[cut] as LogEntry).kind === 'line') dropped += 1;
      cut += 1;
    }
    for (const entry of entries.slice(0, cut)) {
      if (entry.kind === 'marker' && this.openMarkers.get(entry.clusterId) === entry)
        this.openMarkers.delete(entry.clusterId);
    }
    this.entries = entries.slice(cut);
    this.lines -= dropped;
    this.trimmed += dropped;
  }
}
