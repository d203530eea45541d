/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import type { ObjectRef, Revision } from '../../core/types.generated';
import { defaultCompared, rolloutQuestion, rolloutVerb, templateDiff } from './rolloutPlan';

const revision = (n: number, current = false): Revision => ({
  revision: n,
  sourceKind: 'ReplicaSet',
  sourceName: `web-${n}`,
  createdAt: null,
  images: [],
  changeCause: null,
  current,
  template: {},
  templateYaml: '',
});

const web: ObjectRef = {
  clusterId: 'dev.yaml:beta',
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  namespace: 'shop',
  name: 'web',
  uid: null,
};

describe('defaultCompared', () => {
  it('is the revision before the current one', () => {
    expect(defaultCompared([revision(1), revision(2), revision(3, true)])).toBe(2);
  });
  it('after a rollback (current is the oldest number kept) is another revision', () => {
    expect(defaultCompared([revision(2), revision(3, true)].slice().reverse())).toBe(2);
    expect(defaultCompared([revision(1, true), revision(2)])).toBe(2);
  });
  it('is null when only the current revision is kept', () => {
    expect(defaultCompared([revision(1, true)])).toBeNull();
    expect(defaultCompared([])).toBeNull();
  });
});

describe('templateDiff', () => {
  it('keeps only changed lines and their context, counting what it skipped', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'image: app:1', 'h'].join('\n');
    const after = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'image: app:2', 'h'].join('\n');
    const lines = templateDiff(before, after, 1);
    expect(lines.map((l) => `${l.kind}:${l.text}`)).toEqual([
      'same:g',
      'removed:image: app:1',
      'added:image: app:2',
      'same:h',
    ]);
    expect(lines[0]?.skipped).toBe(6);
  });
  it('is empty for equal templates', () => {
    expect(templateDiff('a: 1\n', 'a: 1\n')).toEqual([]);
  });
});

describe('rollout questions', () => {
  it('name the object, the cluster and the revision', () => {
    expect(rolloutQuestion('rollback', web, 'beta', 1)).toEqual({
      question: 'Roll back Deployment shop/web on cluster beta to revision 1?',
      confirm: 'Roll back to revision 1 on beta',
    });
    const cron = { ...web, group: 'batch', kind: 'CronJob', name: 'report' };
    expect(rolloutQuestion('pause', cron, 'beta', null).question).toBe(
      'Suspend CronJob shop/report on cluster beta?',
    );
    expect(rolloutQuestion('trigger', cron, 'beta', null).question).toBe(
      'Run CronJob shop/report on cluster beta now?',
    );
    expect(rolloutVerb('pause', 'Deployment')).toBe('Pause rollout');
    expect(rolloutVerb('resume', 'CronJob')).toBe('Resume');
  });
});
