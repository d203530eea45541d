import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ActionPermission, ObjectRef } from '../../core/types.generated';
import { objectSummary } from '../../test/snapshots';
import { allowanceOf } from '../object-panel/usePermissions';
import { TerminalDockProvider, useTerminalDock } from './TerminalDockProvider';
import { TerminalTab } from './TerminalTab';

const pod: ObjectRef = {
  clusterId: 'dev.yaml:beta-viewer',
  group: '',
  version: 'v1',
  kind: 'Pod',
  namespace: 'shop',
  name: 'web-1',
  uid: null,
};

function permission(action: 'exec' | 'debug', allowed: boolean, reason?: string): ActionPermission {
  return { action, applicable: true, allowed, reason: reason ?? null, checks: [] };
}

function OpenSessions() {
  const { sessions } = useTerminalDock();
  return (
    <ul>
      {sessions.map((s) => (
        <li key={s.id}>{`${s.target.clusterId} ${s.target.pod}/${s.target.container}`}</li>
      ))}
    </ul>
  );
}

describe('Terminal tab', () => {
  it('is disabled with the reason can-i gives for exec', () => {
    const reason = 'You may not create pods/exec in namespace shop on cluster beta-viewer.';
    render(
      <TerminalDockProvider>
        <TerminalTab
          objectRef={pod}
          summary={objectSummary({ containers: ['web'] })}
          permissions={[permission('exec', false, reason), permission('debug', false, 'No.')]}
          blocked={null}
        />
      </TerminalDockProvider>,
    );
    const button = screen.getByRole('button', { name: 'Open terminal' });
    expect(button).toHaveProperty('disabled', true);
    expect(button.getAttribute('title')).toBe(reason);
    expect(screen.getByTestId('terminal-reason').textContent).toBe(reason);
  });

  it('opens a session in the dock for the picked container of the pod on its own cluster', () => {
    render(
      <TerminalDockProvider>
        <TerminalTab
          objectRef={pod}
          summary={objectSummary({ containers: ['web', 'sidecar'] })}
          permissions={[permission('exec', true), permission('debug', true)]}
          blocked={null}
        />
        <OpenSessions />
      </TerminalDockProvider>,
    );
    fireEvent.change(screen.getByLabelText('Container'), { target: { value: 'sidecar' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open terminal' }));
    expect(screen.getByRole('listitem').textContent).toBe('dev.yaml:beta-viewer web-1/sidecar');
  });

  it('lets a cluster block win over can-i', () => {
    const answers = [permission('exec', true)];
    expect(allowanceOf(answers, 'exec', 'Cluster beta is stale.')).toEqual({
      allowed: false,
      reason: 'Cluster beta is stale.',
    });
    expect(allowanceOf(null, 'exec', null).allowed).toBe(false);
    expect(allowanceOf(answers, 'exec', null).allowed).toBe(true);
  });
});
