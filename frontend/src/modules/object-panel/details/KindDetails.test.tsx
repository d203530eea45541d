import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type {
  NodeFacts,
  ObjectDetailsItem,
  PodFacts,
  ServiceFacts,
  WorkloadFacts,
} from '../../../core/types.generated';
import type { LoadState } from '../../../shared/hooks/useLoad';
import { objectSummary } from '../../../test/snapshots';
import { DetailsTab } from '../DetailsTab';
import { ObjectPanelProvider, useObjectPanel } from '../ObjectPanelProvider';
import { Chips } from './Chips';
import { KindDetails } from './KindDetails';

const POD: PodFacts = {
  kind: 'Pod',
  phase: 'Running',
  node: 'kwok-node-1',
  podIps: ['10.0.0.7', 'fd00::7'],
  hostIp: '192.168.0.2',
  qosClass: 'Burstable',
  serviceAccount: 'default',
  containers: [
    {
      name: 'web',
      image: 'registry.example.com/shop/web:1.4.2',
      state: 'waiting: CrashLoopBackOff',
      ready: false,
      restarts: 4,
      ports: ['8080/TCP (http)'],
      requests: { cpu: '100m', memory: '64Mi' },
      limits: { memory: '128Mi' },
      probes: ['liveness: GET :8080/healthz'],
    },
  ],
  initContainers: [],
  volumes: [{ name: 'config', type: 'configMap', source: 'settings' }],
};

const DEPLOYMENT: WorkloadFacts = {
  kind: 'Deployment',
  strategy: 'RollingUpdate (maxSurge 25%, maxUnavailable 25%)',
  replicas: 3,
  ready: 2,
  updated: 3,
  available: 2,
  selector: { app: 'web' },
  images: [{ container: 'web', image: 'registry.example.com/shop/web:1.4.2' }],
  paused: false,
};

const NODE: NodeFacts = {
  kind: 'Node',
  capacity: { cpu: '8', memory: '32Gi', pods: '110' },
  allocatable: { cpu: '7800m', memory: '30Gi', pods: '110' },
  taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }],
  addresses: [{ type: 'InternalIP', address: '192.168.0.2' }],
  kubeletVersion: 'v1.31.0',
  osImage: 'Debian',
  kernelVersion: '6.1',
  containerRuntime: 'containerd://1.7',
  architecture: 'amd64',
  unschedulable: true,
  podCidrs: [],
};

const SERVICE: ServiceFacts = {
  kind: 'Service',
  type: 'ClusterIP',
  clusterIps: ['10.96.0.10'],
  external: [],
  ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: '8080', nodePort: null }],
  selector: { app: 'web' },
  endpoints: [{ address: '10.0.0.7', ready: true, pod: 'web-1', node: 'kwok-node-1' }],
};

/** The cells of the table labelled `label`, row by row. */
function cells(label: string): string[][] {
  const table = screen.getByRole('table', { name: label });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent ?? ''),
    );
}

/** The object the panel would show, as JSON. */
function OpenedObject() {
  return <output data-testid="opened">{JSON.stringify(useObjectPanel().current)}</output>;
}

describe('KindDetails', () => {
  it('shows a pod as facts and a containers table, not JSON', () => {
    const { container } = render(<KindDetails facts={POD} />);
    expect(cells('Containers')).toEqual([
      [
        'web',
        'registry.example.com/shop/web:1.4.2',
        'waiting: CrashLoopBackOff',
        'no',
        '4',
        '8080/TCP (http)',
        'cpu 100mmemory 64Mi',
        'memory 128Mi',
        'liveness: GET :8080/healthz',
      ],
    ]);
    expect(cells('Volumes')).toEqual([['config', 'configMap', 'settings']]);
    expect(screen.getByText('10.0.0.7, fd00::7')).toBeTruthy();
    expect(screen.getByText('Burstable')).toBeTruthy();
    expect(container.textContent).not.toMatch(/[{[]"/);
  });

  it('shows a Deployment: replicas, strategy, selector chips and images', () => {
    render(<KindDetails facts={DEPLOYMENT} />);
    expect(screen.getByText('RollingUpdate (maxSurge 25%, maxUnavailable 25%)')).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Selector' })).getByText('app')).toBeTruthy();
    expect(cells('Images')).toEqual([['web', 'registry.example.com/shop/web:1.4.2']]);
  });

  it('shows a Node: capacity beside allocatable, taints, cordoned', () => {
    render(<KindDetails facts={NODE} />);
    expect(cells('Capacity')).toEqual([
      ['cpu', '8', '7800m'],
      ['memory', '32Gi', '30Gi'],
      ['pods', '110', '110'],
    ]);
    expect(cells('Taints')).toEqual([['dedicated', 'db', 'NoSchedule']]);
    expect(screen.getByText('no (cordoned)')).toBeTruthy();
    expect(screen.getByText('v1.31.0')).toBeTruthy();
  });

  it('shows a Service: ports and endpoints with their pods', () => {
    render(<KindDetails facts={SERVICE} />);
    expect(cells('Ports')).toEqual([['http', '80', '8080', 'TCP', '—']]);
    expect(cells('Endpoints')).toEqual([['10.0.0.7', 'yes', 'web-1', 'kwok-node-1']]);
  });
});

describe('Chips', () => {
  it('folds a long value and unfolds it on request', () => {
    const long = `{"spec":${'x'.repeat(200)}}`;
    render(<Chips title="Annotations" values={{ short: 'v', config: long }} />);
    expect(screen.queryByText(long)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Unfold config' }));
    expect(screen.getByText(long)).toBeTruthy();
  });
});

describe('DetailsTab', () => {
  it('opens a related object in the object’s own cluster', () => {
    const item: ObjectDetailsItem = {
      clusterId: 'dev.yaml:beta',
      clusterName: 'beta',
      namespace: 'shop',
      name: 'web',
      uid: 'u',
      createdAt: '2026-01-01T00:00:00Z',
      resourceVersion: '1',
      labels: { app: 'web' },
      annotations: {},
      ownerReferences: [],
      conditions: [],
      summary: objectSummary(),
      facts: DEPLOYMENT,
      related: [
        {
          relation: 'pod',
          group: '',
          version: 'v1',
          kind: 'Pod',
          namespace: 'shop',
          name: 'web-abc',
          status: 'Running · 1/1',
        },
      ],
      relatedNotes: ['Pods of cluster beta are not all known (syncing).'],
    };
    const state: LoadState<ObjectDetailsItem[]> = { status: 'loaded', value: [item] };
    render(
      <ObjectPanelProvider>
        <DetailsTab state={state} />
        <OpenedObject />
      </ObjectPanelProvider>,
    );
    expect(screen.getByRole('note').textContent).toContain('not all known');
    fireEvent.click(screen.getByRole('button', { name: 'shop/web-abc' }));
    expect(JSON.parse(screen.getByTestId('opened').textContent ?? '')).toEqual({
      clusterId: 'dev.yaml:beta',
      group: '',
      version: 'v1',
      kind: 'Pod',
      namespace: 'shop',
      name: 'web-abc',
      uid: null,
    });
  });
});
