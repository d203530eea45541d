import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ObjectRef } from '../../core/types.generated';
import { ALPHA, BETA, stubClusterBackend } from '../../test/fakeClusters';
import { installFakeEventSource, latestStream } from '../../test/fakeEventSource';
import { installFakeLayout } from '../../test/layout';
import { objectSummary } from '../../test/snapshots';
import { ClusterSelectionProvider } from '../kubernetes/config/ClusterSelectionProvider';
import { LogsView } from './LogsView';
import { LOGS_STREAM_PATH, logSessions } from './logSession';
import { hasLogs, ObjectLogsTab, scopesFor } from './ObjectLogsTab';

installFakeLayout();

const POD: ObjectRef = {
  clusterId: BETA,
  group: '',
  version: 'v1',
  kind: 'Pod',
  namespace: 'shop',
  name: 'web-1',
  uid: 'uid-1',
};
const DEPLOYMENT: ObjectRef = { ...POD, group: 'apps', kind: 'Deployment', name: 'web' };

/** Every Logs view session closed (its stream stopped), so no test sees another's. */
function closeEverySession() {
  for (const session of logSessions.get().sessions) logSessions.close(session.id);
}

beforeEach(() => {
  installFakeEventSource();
  stubClusterBackend({ selection: [ALPHA, BETA], snapshots: {} });
});

afterEach(closeEverySession);

function streamParams(): URLSearchParams {
  return new URL(latestStream(LOGS_STREAM_PATH).url, 'http://x').searchParams;
}

/** The object panel's Logs tab, and the Logs view when it is the view shown. */
function PanelBesideView({ logsView }: { logsView: boolean }) {
  return (
    <ClusterSelectionProvider>
      <div data-testid="panel">
        <ObjectLogsTab objectRef={POD} summary={null} />
      </div>
      <div data-testid="view">{logsView && <LogsView />}</div>
    </ClusterSelectionProvider>
  );
}

describe('ObjectLogsTab', () => {
  it('has logs for pods and the workloads that own them, not for other kinds', () => {
    expect(hasLogs(POD)).toBe(true);
    expect(hasLogs(DEPLOYMENT)).toBe(true);
    expect(hasLogs({ group: 'batch', kind: 'Job' })).toBe(true);
    expect(hasLogs({ group: '', kind: 'Service' })).toBe(false);
    expect(hasLogs({ group: 'batch', kind: 'CronJob' })).toBe(false);
  });

  it('follows the namesake workload in every selected cluster, its own cluster first', () => {
    const choice = { container: '', previous: false, everyCluster: true };
    expect(scopesFor(DEPLOYMENT, choice, [ALPHA, BETA])).toEqual([
      `${BETA}|object:apps/v1/Deployment/shop/web`,
      `${ALPHA}|object:apps/v1/Deployment/shop/web`,
    ]);
    expect(scopesFor(DEPLOYMENT, { ...choice, everyCluster: false }, [ALPHA, BETA])).toEqual([
      `${BETA}|object:apps/v1/Deployment/shop/web`,
    ]);
  });

  it('streams one container of a pod, or the previous one', async () => {
    render(
      <ClusterSelectionProvider>
        <ObjectLogsTab
          objectRef={POD}
          summary={objectSummary({ containers: ['web'], initContainers: ['migrate'] })}
        />
      </ClusterSelectionProvider>,
    );
    expect(streamParams().getAll('scope')).toEqual([`${BETA}|pod:shop/web-1`]);
    const container = screen.getByRole('combobox', { name: 'Container' });
    expect(screen.getByRole('option', { name: 'migrate (init)' })).toBeDefined();
    act(() => {
      fireEvent.change(container, { target: { value: 'migrate' } });
    });
    expect(streamParams().getAll('scope')).toEqual([`${BETA}|pod:shop/web-1/migrate`]);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Previous' }));
    expect(streamParams().get('previous')).toBe('true');
  });

  it('handed to the Logs view, it does not move where the view comes back to', () => {
    // The panel stays open beside the Logs view, showing the same session: its viewer scrolls
    // (following, rows measured) while the view is scrolled up; the view keeps its own place.
    const { rerender } = render(<PanelBesideView logsView={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Open in Logs view' }));
    rerender(<PanelBesideView logsView />);
    const view = () => within(screen.getByTestId('view'));
    const panelLines = within(screen.getByTestId('panel')).getByRole('log');
    fireEvent.click(view().getByRole('button', { name: 'Following' }));
    const viewLines = view().getByRole('log');
    viewLines.scrollTop = 240;
    fireEvent.scroll(viewLines);
    panelLines.scrollTop = 900;
    fireEvent.scroll(panelLines);

    rerender(<PanelBesideView logsView={false} />);
    rerender(<PanelBesideView logsView />);
    expect(view().getByRole('button', { name: 'Follow' }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    expect(view().getByRole('log').scrollTop).toBe(240);
  });

  it('switches a workload to every cluster when more than one is selected', async () => {
    render(
      <ClusterSelectionProvider>
        <ObjectLogsTab objectRef={DEPLOYMENT} summary={null} />
      </ClusterSelectionProvider>,
    );
    const every = screen.getByRole<HTMLInputElement>('checkbox', {
      name: 'Same workload in every cluster',
    });
    await waitFor(() => expect(every.disabled).toBe(false));
    fireEvent.click(every);
    expect(streamParams().getAll('scope')).toEqual([
      `${BETA}|object:apps/v1/Deployment/shop/web`,
      `${ALPHA}|object:apps/v1/Deployment/shop/web`,
    ]);
  });
});
