import { describe, expect, it } from 'vitest';
import type { SearchHit, SearchResult } from '../../core/types.generated';
import { shownGroups } from './searchResults';

const hit = (clusterId: string, name: string, match: SearchHit['match'], kind = 'Deployment') => ({
  clusterId,
  group: kind === 'Deployment' ? 'apps' : '',
  version: 'v1',
  kind,
  resource: kind === 'Deployment' ? 'deployments' : 'pods',
  namespace: 'shop',
  name,
  uid: `${clusterId}-${name}`,
  match,
});

const RESULT: SearchResult = {
  query: 'web',
  kind: null,
  limit: 2,
  totalCap: 1000,
  durationMs: 1,
  clusters: [
    {
      clusterId: 'dev.yaml:alpha',
      clusterName: 'alpha',
      status: 'ready',
      message: null,
      cause: null,
      hits: [
        hit('dev.yaml:alpha', 'web', 'exact'),
        hit('dev.yaml:alpha', 'web-1', 'prefix', 'Pod'),
      ],
      total: 5,
      totalCapped: false,
      searchedKinds: 10,
    },
    {
      clusterId: 'prod.yaml:gamma',
      clusterName: 'gamma',
      status: 'stale',
      message: 'No answer within 3 s.',
      cause: 'timeout',
      hits: [hit('prod.yaml:gamma', 'web', 'exact')],
      total: 1000,
      totalCapped: true,
      searchedKinds: 10,
    },
  ],
};

describe('search results as the palette shows them', () => {
  it('keeps the clusters in order, hits best first, each opening its own cluster', () => {
    const [alpha, gamma] = shownGroups(RESULT);
    expect(alpha?.clusterName).toBe('alpha');
    expect(alpha?.note).toBeNull();
    expect(alpha?.hits.map((h) => [h.label, h.detail, h.match])).toEqual([
      ['web', 'Deployment · shop', 'exact'],
      ['web-1', 'Pod · shop', 'prefix'],
    ]);
    expect(alpha?.hits[0]?.ref).toEqual({
      clusterId: 'dev.yaml:alpha',
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      uid: 'dev.yaml:alpha-web',
    });
    expect(alpha?.more).toBe('2 of 5');
    expect(gamma?.stale).toBe(true);
    expect(gamma?.note).toBe('stale: timeout');
    expect(gamma?.more).toBe('1 of 1000+');
    expect(gamma?.hits[0]?.ref.clusterId).toBe('prod.yaml:gamma');
  });
});
