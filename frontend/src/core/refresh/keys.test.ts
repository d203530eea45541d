import { describe, expect, it } from 'vitest';
import { clusterStorageKey, viewStorageKey } from './keys';
import { snapshotUrl } from './snapshotQuery';

describe('keys', () => {
  it('puts the whole clusterId into per-cluster storage keys', () => {
    expect(clusterStorageKey('namespaces', 'dev.yaml:alpha')).toBe(
      'regatta.namespaces|dev.yaml:alpha',
    );
    expect(clusterStorageKey('namespaces', 'prod.yaml:staging')).not.toBe(
      clusterStorageKey('namespaces', 'dev.yaml:staging'),
    );
    expect(() => clusterStorageKey('namespaces', '')).toThrow(/clusterId/);
  });

  it('names per-view keys by view', () => {
    expect(viewStorageKey('grid', 'pods')).toBe('regatta.grid.pods');
  });
});

describe('snapshotUrl', () => {
  it('writes every parameter of contract §6 in a fixed order', () => {
    const url = snapshotUrl('pods', {
      scopes: ['dev.yaml:alpha|', 'dev.yaml:beta|namespace:shop'],
      q: 'web',
      namespaces: ['shop', 'team-a'],
      kinds: ['Pod'],
      sort: 'name',
      order: 'desc',
      limit: 200,
      offset: 400,
    });
    const [path, search = ''] = url.split('?');
    expect(path).toBe('/api/v1/snapshots/pods');
    const params = new URLSearchParams(search);
    expect(params.getAll('scope')).toEqual(['dev.yaml:alpha|', 'dev.yaml:beta|namespace:shop']);
    expect(params.getAll('namespace')).toEqual(['shop', 'team-a']);
    expect([...params.keys()]).toEqual([
      'scope',
      'scope',
      'q',
      'namespace',
      'namespace',
      'kind',
      'sort',
      'order',
      'limit',
      'offset',
    ]);
    expect(params.get('order')).toBe('desc');
    expect(url).toContain('scope=dev.yaml%3Aalpha%7C');
  });

  it('leaves out what is not set', () => {
    expect(snapshotUrl('cluster-overview', { scopes: [] })).toBe(
      '/api/v1/snapshots/cluster-overview',
    );
  });
});
