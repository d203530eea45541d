/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import type { ActionPermission } from '../../core/types.generated';
import { clusterBlock, gateActions } from './actionGate';

function permission(
  action: ActionPermission['action'],
  { applicable = true, allowed = true, reason = null as string | null } = {},
): ActionPermission {
  return { action, applicable, allowed, reason, checks: [] };
}

describe('gateActions', () => {
  it('shows only applicable actions, in panel order, delete last', () => {
    const gates = gateActions({
      permissions: [
        permission('delete'),
        permission('scale'),
        permission('restart', { applicable: false, allowed: false }),
        permission('apply'),
      ],
      blocked: null,
      unschedulable: undefined,
    });
    expect(gates.map((gate) => [gate.action, gate.enabled])).toEqual([
      ['scale', true],
      ['delete', true],
    ]);
  });

  it('disables by cluster health first, then access, then the node state', () => {
    const permissions = [
      permission('cordon'),
      permission('uncordon', { allowed: false, reason: 'You may not patch nodes.' }),
    ];
    const blocked = clusterBlock('beta', { status: 'stale', message: 'watch lost' });
    expect(gateActions({ permissions, blocked, unschedulable: false })).toEqual([
      { action: 'cordon', enabled: false, reason: blocked },
      { action: 'uncordon', enabled: false, reason: blocked },
    ]);
    expect(gateActions({ permissions, blocked: null, unschedulable: true })).toEqual([
      { action: 'cordon', enabled: false, reason: 'The node is already cordoned.' },
      { action: 'uncordon', enabled: false, reason: 'You may not patch nodes.' },
    ]);
    expect(
      gateActions({ permissions: [permission('cordon')], blocked: null, unschedulable: undefined }),
    ).toEqual([
      { action: 'cordon', enabled: false, reason: "The node's state is not loaded yet." },
    ]);
  });
});

describe('clusterBlock', () => {
  it('blocks a stale, unreachable or timing-out cluster and names it', () => {
    expect(clusterBlock('beta', { status: 'unreachable', message: null })).toBe(
      'Cluster beta is unreachable. Actions wait until it answers again.',
    );
    expect(clusterBlock('beta', { status: 'timeout', message: 'No answer in 3 s.' })).toBe(
      'Cluster beta is timing out: No answer in 3 s. Actions wait until it answers again.',
    );
    for (const status of ['ready', 'loading', 'forbidden']) {
      expect(clusterBlock('beta', { status, message: null })).toBeNull();
    }
    expect(clusterBlock('beta', undefined)).toBeNull();
  });
});
