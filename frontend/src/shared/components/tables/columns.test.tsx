/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import type { PersistentVolumeClaimItem } from '../../../core/types.generated';
import { objectItem, podItem } from '../../../test/snapshots';
import { ageColumn, clusterColumn, derivedColumns, headerOf, textColumn } from './columns';
import { age, displayText } from './rowFields';

describe('row fields', () => {
  it('reads any value as one line of text', () => {
    expect(displayText(undefined)).toBe('');
    expect(displayText(3)).toBe('3');
    expect(displayText(true)).toBe('yes');
    expect(displayText(['a', 'b'])).toBe('a, b');
    expect(displayText({ kind: 'Pod', name: 'web-1', namespace: 'shop' })).toBe('Pod/web-1');
    expect(displayText([{ port: 80, protocol: 'TCP' }, { port: 443 }])).toBe('80/TCP, 443');
  });

  it('gives the age of a timestamp', () => {
    const now = Date.parse('2025-01-02T00:00:00Z');
    expect(age('2025-01-01T23:59:30Z', now)).toBe('30s');
    expect(age('2025-01-01T23:00:00Z', now)).toBe('1h');
    expect(age('2025-01-01T23:58:00Z', now)).toBe('2m');
    expect(age('2025-01-01T00:00:00Z', now)).toBe('24h');
    expect(age('2024-12-20T00:00:00Z', now)).toBe('13d');
    expect(age('not a time', now)).toBe('');
  });
});

describe('column factories', () => {
  it('shows the cluster name, falling back to the id, sorted by clusterName', () => {
    const column = clusterColumn();
    expect(column).toMatchObject({ header: 'Cluster', sortField: 'clusterName' });
    expect(column.text(objectItem('dev.yaml:alpha', 'x'))).toBe('alpha');
    expect(column.text(objectItem('dev.yaml:alpha', 'x', { clusterName: '' }))).toBe(
      'dev.yaml:alpha',
    );
  });

  it('reads fields tolerantly', () => {
    expect(textColumn('restarts', 'Restarts').text(podItem('a:b', 'web', { restarts: 42 }))).toBe(
      '42',
    );
    expect(textColumn('node', 'Node').text(objectItem('a:b', 'x'))).toBe('');
    const fixed = ageColumn('createdAt', 'Age', () => Date.parse('2025-01-01T00:01:00Z'));
    expect(fixed.text(objectItem('a:b', 'x', { createdAt: '2025-01-01T00:00:00Z' }))).toBe('1m');
  });

  it('derives columns for unknown fields from a sample row', () => {
    const known = [clusterColumn(), textColumn('name', 'Name')];
    const claim: PersistentVolumeClaimItem = {
      ...objectItem('a:b', 'x', { kind: 'PersistentVolumeClaim', namespace: 'shop' }),
      status: 'Bound',
      volume: 'pv-1',
      capacity: '1Gi',
      accessModes: 'RWO',
      storageClass: 'fast',
    };
    const derived = derivedColumns(claim, [...known, textColumn('kind', 'Kind')]);
    expect(derived.map((column) => [column.id, column.header])).toEqual([
      ['namespace', 'Namespace'],
      ['createdAt', 'Age'],
      ['status', 'Status'],
      ['volume', 'Volume'],
      ['capacity', 'Capacity'],
      ['accessModes', 'Access modes'],
      ['storageClass', 'Storage class'],
    ]);
    expect(derivedColumns(undefined, known)).toEqual([]);
  });

  it('turns camelCase fields into headers', () => {
    expect(headerOf('clusterIP')).toBe('Cluster IP');
    expect(headerOf('upToDate')).toBe('Up to date');
    expect(headerOf('kubeletVersion')).toBe('Kubelet version');
  });
});
