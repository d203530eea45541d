/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import { objectRefOf } from './objectRef';

describe('objectRefOf', () => {
  it('keeps the row cluster and fills group/version from the kind', () => {
    expect(
      objectRefOf({
        clusterId: 'dev.yaml:beta',
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
      }),
    ).toEqual({
      clusterId: 'dev.yaml:beta',
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      uid: null,
    });
  });

  it('uses the view kind for rows without one, and the row uid', () => {
    expect(
      objectRefOf({ clusterId: 'a:b', namespace: 'shop', name: 'web-1', uid: 'u1' }, 'Pod'),
    ).toMatchObject({
      group: '',
      version: 'v1',
      kind: 'Pod',
      uid: 'u1',
    });
  });

  it('prefers the row group/version or apiVersion (custom resources)', () => {
    expect(
      objectRefOf({
        clusterId: 'a:b',
        group: 'ops.example.com',
        version: 'v1',
        kind: 'Backup',
        name: 'b1',
      }),
    ).toMatchObject({ group: 'ops.example.com', version: 'v1', namespace: '' });
    expect(
      objectRefOf({ clusterId: 'a:b', apiVersion: 'x.io/v2', kind: 'Thing', name: 't' }),
    ).toMatchObject({
      group: 'x.io',
      version: 'v2',
    });
  });

  it('gives no reference without a cluster: never a silent default cluster', () => {
    expect(objectRefOf({ kind: 'Pod', name: 'web-1' })).toBeNull();
    expect(objectRefOf({ clusterId: 'a:b', kind: 'Pod' })).toBeNull();
  });
});
