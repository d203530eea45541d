import { describe, expect, it } from 'vitest';
import type { ObjectRef } from '../../core/types.generated';
import { fitsAll } from './bulkApi';
import { byCluster, clearPicked, refKey, togglePicked } from './bulkSelection';

const ref = (clusterId: string, kind: string, name: string): ObjectRef => ({
  clusterId,
  group: kind === 'Deployment' ? 'apps' : '',
  version: 'v1',
  kind,
  namespace: kind === 'Node' ? '' : 'shop',
  name,
  uid: null,
});

describe('bulk actions', () => {
  it('groups picked objects by cluster in first-picked order', () => {
    const groups = byCluster([
      ref('g', 'Deployment', 'web'),
      ref('a', 'Deployment', 'web'),
      ref('g', 'Pod', 'x'),
    ]);
    expect([...groups.keys()]).toEqual(['g', 'a']);
    expect(groups.get('g')?.map((r) => r.name)).toEqual(['web', 'x']);
  });

  it('offers an action only when it fits every picked kind', () => {
    expect(fitsAll('restart', ['Deployment', 'StatefulSet'])).toBe(true);
    expect(fitsAll('restart', ['Deployment', 'Pod'])).toBe(false);
    expect(fitsAll('cordon', ['Node'])).toBe(true);
    expect(fitsAll('delete', ['Pod', 'ConfigMap'])).toBe(true);
    expect(fitsAll('delete', [])).toBe(false);
  });

  it('toggles a row by identity, the same object in two clusters twice', () => {
    clearPicked();
    const a = ref('a', 'Deployment', 'web');
    expect(refKey(a)).not.toEqual(refKey(ref('g', 'Deployment', 'web')));
    togglePicked(a);
    togglePicked(a);
    clearPicked();
  });
});
