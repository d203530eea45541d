/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import { toggled } from '../../../shared/toggled';
import { ALPHA, BETA, listingFor, STAGING_DEV, STAGING_PROD } from '../../../test/fakeClusters';
import { groupByFile, searchGroups, selectionLabel } from './contextGroups';

describe('groupByFile', () => {
  it('makes one group per source file, broken files included, contexts in listing order', () => {
    const groups = groupByFile(listingFor([]));
    expect(groups.map((group) => [group.file, group.contexts.map((c) => c.context)])).toEqual([
      ['dev.yaml', ['alpha', 'beta', 'staging']],
      ['prod.yaml', ['staging', 'orphan']],
      ['broken.yaml', []],
    ]);
    expect(groups[2]).toMatchObject({ error: 'mapping values are not allowed here', line: 7 });
  });
});

describe('searchGroups', () => {
  it('keeps the contexts whose name, file, id or server matches, case-insensitively', () => {
    const groups = searchGroups(groupByFile(listingFor([])), 'STAG');
    expect(groups.map((group) => group.contexts.map((c) => c.clusterId))).toEqual([
      [STAGING_DEV],
      [STAGING_PROD],
    ]);
    expect(
      searchGroups(groupByFile(listingFor([])), 'prod.yaml').flatMap((g) => g.contexts),
    ).toHaveLength(2);
  });

  it('keeps a broken file when its name matches, so its error stays findable', () => {
    const groups = searchGroups(groupByFile(listingFor([])), 'broken');
    expect(groups.map((group) => group.file)).toEqual(['broken.yaml']);
  });

  it('returns every group for an empty search', () => {
    expect(searchGroups(groupByFile(listingFor([])), '  ')).toHaveLength(3);
  });
});

describe('toggled (the selection after ticking a cluster)', () => {
  it('appends a ticked cluster and removes an unticked one, keeping the order', () => {
    expect(toggled([BETA], ALPHA, true)).toEqual([BETA, ALPHA]);
    expect(toggled([BETA, ALPHA, STAGING_DEV], ALPHA, false)).toEqual([BETA, STAGING_DEV]);
    expect(toggled([ALPHA], ALPHA, true)).toEqual([ALPHA]);
  });
});

describe('selectionLabel', () => {
  it('names up to two clusters and counts more', () => {
    expect(selectionLabel([])).toBe('No cluster selected');
    expect(selectionLabel(['alpha', 'beta'])).toBe('alpha, beta');
    expect(selectionLabel(['alpha', 'beta', 'gamma'])).toBe('3 clusters');
  });
});
