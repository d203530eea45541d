import { describe, expect, it } from 'vitest';
import { parseScope } from '../../core/refresh/scopes';
import type { HelmReleaseItem } from '../../core/types.generated';
import { releaseKeyOf, releaseKeyText, releaseRef } from './helmApi';

const row: HelmReleaseItem = {
  clusterId: 'prod.yaml:arn:aws:eks:eu-west-1:1:cluster/gamma',
  clusterName: 'arn:aws:eks:eu-west-1:1:cluster/gamma',
  group: 'helm.sh',
  version: 'v1',
  kind: 'Release',
  namespace: 'shop',
  name: 'storefront',
  revision: 1,
  status: 'deployed',
  chart: 'storefront',
  chartVersion: '1.0.0',
  appVersion: '1.0',
  updatedAt: '2026-01-01T00:00:00Z',
  error: null,
  storage: 'secret',
  stale: false,
};

describe('helm release keys', () => {
  it('make a helm scope the scope parser reads back', () => {
    const key = releaseKeyOf(row);
    expect(key).toEqual({ clusterId: row.clusterId, namespace: 'shop', name: 'storefront' });
    if (!key) throw new Error('no key');
    const scope = releaseKeyText(key);
    expect(scope).toBe(`${row.clusterId}|helm:shop/storefront`);
    expect(parseScope(scope)).toEqual({
      clusterId: row.clusterId,
      tail: { kind: 'helm', namespace: 'shop', name: 'storefront' },
    });
  });

  it('make the action reference contract §13 names', () => {
    expect(releaseRef({ clusterId: 'f:c', namespace: 'shop', name: 's' })).toEqual({
      clusterId: 'f:c',
      group: 'helm.sh',
      version: 'v1',
      kind: 'Release',
      namespace: 'shop',
      name: 's',
      uid: null,
    });
  });

  it('reject a helm tail without a name', () => {
    expect(() => parseScope('f:c|helm:shop')).toThrow(/helm:<ns>\/<name>/);
  });
});
