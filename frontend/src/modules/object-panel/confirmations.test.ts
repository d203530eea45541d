/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import type { ObjectRef } from '../../core/types.generated';
import {
  DRAIN_DEFAULTS,
  drainParams,
  failureTitle,
  parseReplicas,
  replicaChange,
  scaleConsequence,
} from './confirmations';

const WEB: ObjectRef = {
  clusterId: 'dev.yaml:beta',
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  namespace: 'shop',
  name: 'web',
  uid: null,
};

describe('scale confirmation', () => {
  it('shows the change and says what it does in words', () => {
    expect(replicaChange(3, 1)).toBe('3 → 1');
    expect(replicaChange(null, 2)).toBe('? → 2');
    expect(scaleConsequence(WEB, 'beta', 3, 0)).toBe(
      'This stops every pod of Deployment shop/web on cluster beta.',
    );
    expect(scaleConsequence(WEB, 'beta', 3, 1)).toBe('2 of its pods will be stopped.');
    expect(scaleConsequence(WEB, 'beta', 1, 3)).toBe('2 more pods will be started.');
  });

  it('takes whole numbers only', () => {
    expect(['3', ' 0 ', '', '-1', '1.5', 'x'].map(parseReplicas)).toEqual([
      3,
      0,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('drainParams', () => {
  it('sends the options the backend takes, leaving out an empty grace period', () => {
    expect(drainParams(DRAIN_DEFAULTS)).toEqual({
      params: { force: false, deleteEmptyDirData: false, timeoutSeconds: 120 },
    });
    expect(drainParams({ ...DRAIN_DEFAULTS, force: true, gracePeriod: '0' })).toEqual({
      params: {
        force: true,
        deleteEmptyDirData: false,
        gracePeriodSeconds: 0,
        timeoutSeconds: 120,
      },
    });
  });

  it('names a wrong option', () => {
    expect(drainParams({ ...DRAIN_DEFAULTS, gracePeriod: '-5' })).toEqual({
      invalid: 'The grace period must be a whole number of seconds, or empty.',
    });
    expect(drainParams({ ...DRAIN_DEFAULTS, timeout: '3601' })).toEqual({
      invalid: 'The timeout must be 1 to 3600 seconds.',
    });
  });
});

describe('failureTitle', () => {
  it('calls a timeout a timeout and a refusal a refusal', () => {
    expect(failureTitle('scale', 'cluster_timeout', 'beta')).toBe(
      'Scale timed out: cluster beta did not answer.',
    );
    expect(failureTitle('drain', 'cluster_unreachable', 'beta')).toBe(
      'Drain could not reach cluster beta.',
    );
    expect(failureTitle('delete', 'forbidden', 'beta')).toBe('Delete was refused.');
    expect(failureTitle('restart', 'api_error', 'beta')).toBe('Restart failed.');
  });
});
