/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import { objectItem, podItem } from '../../test/snapshots';
import { involvedRef, objectRefOf } from './objectRef';

describe('objectRefOf', () => {
  it('names the row in its own cluster with its group, version and kind', () => {
    expect(
      objectRefOf(
        objectItem('dev.yaml:beta', 'web', {
          group: 'apps',
          kind: 'Deployment',
          namespace: 'shop',
          uid: '',
        }),
      ),
    ).toEqual({
      clusterId: 'dev.yaml:beta',
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      uid: null,
    });
    expect(objectRefOf(podItem('a:b', 'web-1', { uid: 'u1' }))).toMatchObject({
      group: '',
      kind: 'Pod',
      uid: 'u1',
    });
  });

  it('gives no reference without a cluster: never a silent default cluster', () => {
    expect(objectRefOf(objectItem('', 'web-1'))).toBeNull();
    expect(objectRefOf(objectItem('a:b', ''))).toBeNull();
  });
});

describe('involvedRef', () => {
  it('splits the apiVersion of grouped and core kinds', () => {
    const object = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' };
    expect(involvedRef('a:b', { ...object, uid: 'u' })).toEqual({
      clusterId: 'a:b',
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      uid: 'u',
    });
    expect(involvedRef('a:b', { ...object, apiVersion: 'v1', kind: 'Pod', uid: '' })).toMatchObject(
      { group: '', version: 'v1', uid: null },
    );
  });
});
