/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import { aliasProblem, shortClusterName, withAlias } from './clusterLabel';

describe('shortClusterName', () => {
  it('keeps the resource part of an ARN, never the account prefix', () => {
    expect(shortClusterName('arn:aws:eks:eu-west-1:123456789012:cluster/gamma')).toBe(
      'cluster/gamma',
    );
    expect(shortClusterName('alpha')).toBe('alpha');
    expect(shortClusterName('gke_proj_zone_name')).toBe('gke_proj_zone_name');
  });
});

describe('withAlias', () => {
  const glob = { match: '*prod*', alias: null, color: '#ff0000', protection: 'confirm' as const };
  it('adds an exact rule first, keeping the others', () => {
    expect(withAlias([glob], 'dev.yaml:beta', 'b')).toEqual([
      { match: 'dev.yaml:beta', alias: 'b', color: null, protection: null },
      glob,
    ]);
  });
  it("replaces the cluster's alias keeping its colour, and drops a rule left empty", () => {
    const own = { match: 'dev.yaml:beta', alias: 'old', color: '#00ff00', protection: null };
    expect(withAlias([glob, own], 'dev.yaml:beta', 'new')).toEqual([
      { ...own, alias: 'new' },
      glob,
    ]);
    expect(withAlias([{ ...own, color: null }], 'dev.yaml:beta', '')).toEqual([]);
  });
  it('says what is wrong with an alias', () => {
    expect(aliasProblem(' x')).toMatch(/space/);
    expect(aliasProblem('x'.repeat(65))).toMatch(/64/);
    expect(aliasProblem('prod-eu')).toBeNull();
  });
});
