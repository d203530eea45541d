import { describe, expect, it } from 'vitest';
import type { PortForward } from '../../core/types.generated';
import { ForwardStore } from './forwardStore';

function forward(id: string, status: PortForward['status'] = 'active'): PortForward {
  return {
    id,
    clusterId: 'dev.yaml:alpha',
    clusterName: 'alpha',
    ref: {
      clusterId: 'dev.yaml:alpha',
      group: '',
      version: 'v1',
      kind: 'Pod',
      namespace: 'shop',
      name: 'web',
      uid: null,
    },
    remotePort: 8080,
    localPort: 41000,
    pod: 'shop/web',
    status,
    message: null,
    connections: 0,
  };
}

describe('ForwardStore', () => {
  it('lists, then follows updates and removals in place', async () => {
    const store = new ForwardStore(async () => [forward('a'), forward('b')]);
    const seen: string[][] = [];
    store.subscribe(() => seen.push(store.getSnapshot().map((f) => `${f.id}:${f.status}`)));
    await store.reload();
    store.apply({ type: 'updated', forward: forward('a', 'reconnecting') });
    store.apply({ type: 'updated', forward: forward('c') });
    store.apply({ type: 'removed', forward: forward('b') });
    expect(seen).toEqual([
      ['a:active', 'b:active'],
      ['a:reconnecting', 'b:active'],
      ['a:reconnecting', 'b:active', 'c:active'],
      ['a:reconnecting', 'c:active'],
    ]);
  });
});
