/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import { clusterPart } from '../../../test/snapshots';
import { summarizeClusterParts } from './clusterSummary';

describe('summarizeClusterParts', () => {
  it('counts the ready clusters', () => {
    expect(summarizeClusterParts([clusterPart('a:alpha'), clusterPart('a:beta')])).toBe(
      '2 of 2 clusters',
    );
    expect(summarizeClusterParts([clusterPart('a:alpha')])).toBe('1 of 1 cluster');
  });

  it('names each cluster that is not ready with its status', () => {
    const parts = [
      clusterPart('dev.yaml:alpha'),
      clusterPart('dev.yaml:beta'),
      clusterPart('prod.yaml:prod-eu', { status: 'unreachable', message: 'connection refused' }),
      clusterPart('dev.yaml:staging'),
    ];
    expect(summarizeClusterParts(parts)).toBe('3 of 4 clusters — prod-eu unreachable');
  });

  it('says why a stale part is stale, and lists every problem', () => {
    const parts = [
      clusterPart('dev.yaml:alpha', { status: 'loading' }),
      clusterPart('dev.yaml:beta', {
        status: 'stale',
        cause: 'timeout',
        message: 'no answer in 5 s',
      }),
    ];
    expect(summarizeClusterParts(parts)).toBe(
      '0 of 2 clusters — alpha loading, beta stale (timeout)',
    );
  });

  it('says when there are no clusters', () => {
    expect(summarizeClusterParts([])).toBe('No clusters');
  });
});
