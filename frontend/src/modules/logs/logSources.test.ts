import { describe, expect, it } from 'vitest';
import { clusterAlias, podTargetsOf, shortSourceLabel } from './logSources';

describe('log source labels', () => {
  it('keeps the part of a pod name that tells replicas apart', () => {
    expect(shortSourceLabel({ pod: 'web-6f74cff48b-5hbck', container: 'web' })).toBe(
      'web-…5hbck/web',
    );
    expect(shortSourceLabel({ pod: 'web-1', container: 'web' })).toBe('web-1/web');
    expect(shortSourceLabel({ pod: 'node-agent-x7k2p', container: '' })).toBe('node-agent-x7k2p');
  });

  it('names an EKS cluster by the last part of its ARN', () => {
    expect(clusterAlias('arn:aws:eks:eu-west-1:123456789012:cluster/gamma')).toBe('gamma');
    expect(clusterAlias('beta')).toBe('beta');
  });

  it('reads pod targets back from scopes, leaving workload scopes out', () => {
    expect(
      podTargetsOf([
        'dev.yaml:beta|pod:shop/web-1/web',
        'dev.yaml:beta|object:apps/v1/Deployment/shop/web',
      ]),
    ).toEqual([
      {
        clusterId: 'dev.yaml:beta',
        clusterName: 'beta',
        namespace: 'shop',
        pod: 'web-1',
        container: 'web',
      },
    ]);
  });
});
