import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../core/types.generated';
import { LogBuffer, type LogEntry, markerText } from './logBuffer';

const ALPHA = 'dev.yaml:alpha';
const BETA = 'dev.yaml:beta';

function line(clusterId: string, second: number, text: string, late = false): LogLine {
  return {
    scope: `${clusterId}|pod:shop/web-1`,
    clusterId,
    clusterName: clusterId.split(':')[1] ?? clusterId,
    namespace: 'shop',
    pod: 'web-1',
    container: 'web',
    timestamp: `2026-01-01T00:00:${String(second).padStart(2, '0')}.000000000Z`,
    line: text,
    seq: second,
    late,
  };
}

function read(entries: readonly LogEntry[]): string[] {
  return entries.map((entry) =>
    entry.kind === 'line' ? entry.line.line : `[${markerText(entry)}]`,
  );
}

describe('LogBuffer', () => {
  it('keeps lines that arrive on time in arrival order', () => {
    const buffer = new LogBuffer();
    buffer.add([line(ALPHA, 1, 'a1'), line(BETA, 2, 'b2'), line(ALPHA, 3, 'a3')]);
    expect(read(buffer.entries)).toEqual(['a1', 'b2', 'a3']);
    expect(buffer.lines).toBe(3);
  });

  it('puts late lines at their time position behind one marker per recovery', () => {
    const buffer = new LogBuffer();
    buffer.add([line(ALPHA, 1, 'a1'), line(BETA, 2, 'b2'), line(ALPHA, 5, 'a5')]);
    buffer.add([line(ALPHA, 6, 'a6'), line(BETA, 3, 'b3', true)]);
    buffer.add([line(BETA, 4, 'b4', true), line(BETA, 7, 'b7')]);
    expect(read(buffer.entries)).toEqual([
      'a1',
      'b2',
      '[beta: 2 lines recovered after reconnect]',
      'b3',
      'b4',
      'a5',
      'a6',
      'b7',
    ]);
    expect(buffer.lines).toBe(7);
  });

  it('starts a new marker for the next outage, and moves a marker in front of an earlier line', () => {
    const buffer = new LogBuffer();
    buffer.add([line(ALPHA, 10, 'a10'), line(ALPHA, 20, 'a20')]);
    buffer.add([line(BETA, 15, 'b15', true), line(BETA, 12, 'b12', true)]);
    buffer.add([line(BETA, 21, 'b21'), line(ALPHA, 30, 'a30'), line(BETA, 25, 'b25', true)]);
    expect(read(buffer.entries)).toEqual([
      'a10',
      '[beta: 2 lines recovered after reconnect]',
      'b12',
      'b15',
      'a20',
      'b21',
      '[beta: 1 line recovered after reconnect]',
      'b25',
      'a30',
    ]);
  });

  it('ties at one timestamp break by cluster, as the server merges', () => {
    const buffer = new LogBuffer();
    buffer.add([line(ALPHA, 1, 'a1'), line(BETA, 1, 'b1'), line(ALPHA, 2, 'a2')]);
    buffer.add([line(BETA, 1, 'b1-late', true)]);
    expect(read(buffer.entries)).toEqual([
      'a1',
      'b1',
      '[beta: 1 line recovered after reconnect]',
      'b1-late',
      'a2',
    ]);
  });

  it('keeps at most the cap, letting the oldest go and counting them', () => {
    const buffer = new LogBuffer(3);
    buffer.add([1, 2, 3, 4, 5].map((s) => line(ALPHA, s, `a${s}`)));
    expect(read(buffer.entries)).toEqual(['a3', 'a4', 'a5']);
    expect(buffer.trimmed).toBe(2);
    buffer.add([line(BETA, 4, 'b4', true)]);
    expect(read(buffer.entries)).toEqual([
      'a4',
      '[beta: 1 line recovered after reconnect]',
      'b4',
      'a5',
    ]);
    expect(buffer.trimmed).toBe(3);
    buffer.add([line(ALPHA, 6, 'a6'), line(ALPHA, 7, 'a7')]);
    expect(read(buffer.entries)).toEqual(['a5', 'a6', 'a7']);
    expect(buffer.lines).toBe(3);
  });

  it('clears everything, sources and counts too', () => {
    const buffer = new LogBuffer();
    buffer.add([line(ALPHA, 1, 'a1')]);
    const before = buffer.revision;
    buffer.clear();
    expect(buffer.entries).toEqual([]);
    expect(buffer.sources.size).toBe(0);
    expect(buffer.revision).toBeGreaterThan(before);
  });
});
