import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ObjectRef, Revision, RolloutHistory } from '../../core/types.generated';
import { jsonResponse, stubBackend } from '../../test/fakeBackend';
import { RolloutsTab } from './RolloutsTab';

afterEach(() => vi.unstubAllGlobals());

const WEB: ObjectRef = {
  clusterId: 'dev.yaml:beta',
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  namespace: 'shop',
  name: 'web',
  uid: null,
};

function revision(number: number, current: boolean): Revision {
  return {
    revision: number,
    sourceKind: 'ReplicaSet',
    sourceName: `web-${number}`,
    createdAt: null,
    images: [`example/app:${number}`],
    changeCause: null,
    current,
    template: {},
    templateYaml: '',
  };
}

function history(...revisions: Revision[]): RolloutHistory {
  return { clusterId: WEB.clusterId, clusterName: 'beta', ref: WEB, paused: false, revisions };
}

describe('RolloutsTab', () => {
  it('reads the history again when the workload changes, without flashing "Loading…"', async () => {
    // Right after a rollback the controller has renumbered the ReplicaSet but not yet the
    // Deployment: no revision is current. The Deployment's next change settles it.
    const answers = [
      history(revision(2, false), revision(3, false)),
      history(revision(2, false), revision(3, true)),
    ];
    const fetchStub = stubBackend({
      'POST /api/v1/rollouts/history': () => jsonResponse(answers.shift()),
    });
    const tab = (version: string) => (
      <RolloutsTab
        objectRef={WEB}
        clusterName="beta"
        permissions={[]}
        blocked={null}
        reloads={0}
        version={version}
        onDone={() => {}}
      />
    );
    const { rerender } = render(tab('100'));
    const row3 = await screen.findByTestId('revision-3');
    expect(row3.textContent).not.toContain('current');

    rerender(tab('101'));
    expect(screen.getByTestId('revision-3')).toBeTruthy(); // still shown while read again
    await vi.waitFor(() =>
      expect(screen.getByTestId('revision-3').textContent).toContain('current'),
    );
    expect(fetchStub).toHaveBeenCalledTimes(2);
  });
});
