/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import type { KubeEvent } from '../../core/types.generated';
import { filterEvents, streamParts } from './eventRows';

function event(clusterId: string, reason: string, overrides: Partial<KubeEvent> = {}): KubeEvent {
  return {
    scope: `${clusterId}|`,
    clusterId,
    clusterName: clusterId.slice(clusterId.indexOf(':') + 1),
    namespace: 'shop',
    type: 'Normal',
    reason,
    message: `${reason} happened`,
    count: 1,
    involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'web-1', namespace: 'shop', uid: 'u' },
    timestamp: '2025-01-01T00:00:00Z',
    ...overrides,
  };
}

const ALPHA = 'dev.yaml:alpha';
const BETA = 'dev.yaml:beta';

describe('filterEvents', () => {
  const events = [
    event(ALPHA, 'Scheduled'),
    event(BETA, 'Pulled', { namespace: 'team-a' }),
    event(ALPHA, 'Killing', {
      involvedObject: { apiVersion: 'v1', kind: 'Node', name: 'n1', namespace: '', uid: '' },
    }),
  ];

  it('shows the newest first', () => {
    expect(
      filterEvents(events, { q: '', namespaces: [], kinds: [] }).map((row) => row.reason),
    ).toEqual(['Killing', 'Pulled', 'Scheduled']);
  });

  it('filters by text (cluster name included), namespace and involved kind', () => {
    expect(
      filterEvents(events, { q: 'beta', namespaces: [], kinds: [] }).map((row) => row.reason),
    ).toEqual(['Pulled']);
    expect(
      filterEvents(events, { q: '', namespaces: ['shop'], kinds: ['Pod'] }).map(
        (row) => row.reason,
      ),
    ).toEqual(['Scheduled']);
  });
});

describe('streamParts', () => {
  const clusters = [
    { clusterId: ALPHA, clusterName: 'alpha' },
    { clusterId: BETA, clusterName: 'beta' },
  ];

  it('is loading until the stream is open, then ready, with a count per cluster', () => {
    const events = [event(ALPHA, 'A'), event(ALPHA, 'B')];
    expect(streamParts(clusters, new Map(), false, []).map((part) => part.status)).toEqual([
      'loading',
      'loading',
    ]);
    expect(
      streamParts(clusters, new Map(), true, events).map((part) => [part.status, part.itemCount]),
    ).toEqual([
      ['ready', 2],
      ['ready', 0],
    ]);
  });

  it("takes a cluster's latest status event", () => {
    const statuses = new Map([
      [
        `${BETA}|events`,
        { clusterId: BETA, source: 'events', status: 'unreachable' as const, message: 'refused' },
      ],
    ]);
    expect(streamParts(clusters, statuses, true, [])[1]).toMatchObject({
      status: 'unreachable',
      message: 'refused',
    });
  });
});
