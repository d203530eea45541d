import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActionPermission, ObjectRef, PortForward } from '../../core/types.generated';
import { jsonResponse, stubBackend } from '../../test/fakeBackend';
import { objectSummary } from '../../test/snapshots';
import { ForwardPortAction } from './ForwardPortAction';

afterEach(() => vi.unstubAllGlobals());

const SERVICE: ObjectRef = {
  clusterId: 'dev.yaml:beta',
  group: '',
  version: 'v1',
  kind: 'Service',
  namespace: 'shop',
  name: 'web',
  uid: null,
};

function permission(allowed: boolean, applicable = true): ActionPermission {
  return {
    action: 'port-forward',
    applicable,
    allowed,
    reason: allowed
      ? null
      : 'You may not create pods/portforward in namespace shop on cluster beta.',
    checks: [],
  };
}

const SUMMARY = objectSummary({
  ports: [{ name: 'http', port: 80, targetPort: '8080', protocol: 'TCP', container: null }],
});

describe('ForwardPortAction', () => {
  it('is disabled with can-i’s reason when the user may not forward', () => {
    render(
      <ForwardPortAction
        objectRef={SERVICE}
        clusterName="beta"
        summary={SUMMARY}
        permissions={[permission(false)]}
        blocked={null}
      />,
    );
    const button = screen.getByRole('button', { name: 'Forward port…' });
    expect(button).toHaveProperty('disabled', true);
    expect(button).toHaveProperty(
      'title',
      'You may not create pods/portforward in namespace shop on cluster beta.',
    );
  });

  it('is absent where can-i says a forward does not fit, and for other kinds', () => {
    const { container } = render(
      <>
        <ForwardPortAction
          objectRef={SERVICE}
          clusterName="beta"
          summary={null}
          permissions={[permission(false, false)]}
          blocked={null}
        />
        <ForwardPortAction
          objectRef={{ ...SERVICE, kind: 'ConfigMap' }}
          clusterName="beta"
          summary={null}
          permissions={[]}
          blocked={null}
        />
      </>,
    );
    expect(container.querySelectorAll('button')).toHaveLength(0);
  });

  it('offers the service ports and starts the forward on the object’s own cluster', async () => {
    const started: PortForward = {
      id: 'f1',
      clusterId: SERVICE.clusterId,
      clusterName: 'beta',
      ref: SERVICE,
      remotePort: 80,
      localPort: 41234,
      pod: 'shop/web-1',
      status: 'active',
      message: null,
      connections: 0,
    };
    const bodies: unknown[] = [];
    stubBackend({
      'POST /api/v1/port-forwards': ({ init }) => {
        bodies.push(JSON.parse(String(init?.body)));
        return jsonResponse(started, 201);
      },
    });
    render(
      <ForwardPortAction
        objectRef={SERVICE}
        clusterName="beta"
        summary={SUMMARY}
        permissions={[permission(true)]}
        blocked={null}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Forward port…' }));
    expect(screen.getByLabelText('Service port')).toHaveProperty('value', '80');
    fireEvent.change(screen.getByLabelText('Local port'), { target: { value: '9000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Forward on beta' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('41234'));
    expect(bodies).toEqual([{ ref: SERVICE, remotePort: 80, localPort: 9000 }]);
  });
});
