/** The Details tab's layout per kind, from the typed facts `object-details` sends. */
import type {
  ContainerFacts,
  CronJobFacts,
  DataFacts,
  IngressFacts,
  JobFacts,
  NodeFacts,
  ObjectDetailsItem,
  PodFacts,
  ServiceFacts,
  WorkloadFacts,
} from '../../../core/types.generated';
import { Chips } from './Chips';
import { FactList, FactTable, Lines, Resources } from './Facts';

type KindFacts = NonNullable<ObjectDetailsItem['facts']>;

export function KindDetails({ facts }: { facts: KindFacts }) {
  switch (facts.kind) {
    case 'Pod':
      return <PodDetails facts={facts} />;
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
      return <WorkloadDetails facts={facts} />;
    case 'Service':
      return <ServiceDetails facts={facts} />;
    case 'Ingress':
      return <IngressDetails facts={facts} />;
    case 'ConfigMap':
    case 'Secret':
      return <DataDetails facts={facts} />;
    case 'Node':
      return <NodeDetails facts={facts} />;
    case 'Job':
      return <JobDetails facts={facts} />;
    case 'CronJob':
      return <CronJobDetails facts={facts} />;
  }
}

function containerRows(containers: ContainerFacts[]) {
  return containers.map((c) => ({
    key: c.name,
    cells: [
      <strong key="n">{c.name}</strong>,
      <span key="i" className="object-details__mono">
        {c.image}
      </span>,
      c.state,
      c.ready ? 'yes' : 'no',
      c.restarts,
      <Lines key="p" values={c.ports} />,
      <Resources key="r" values={c.requests} />,
      <Resources key="l" values={c.limits} />,
      <Lines key="pr" values={c.probes} />,
    ],
  }));
}

const CONTAINER_COLUMNS = [
  'Name',
  'Image',
  'State',
  'Ready',
  'Restarts',
  'Ports',
  'Requests',
  'Limits',
  'Probes',
];

export function PodDetails({ facts }: { facts: PodFacts }) {
  return (
    <>
      <FactList
        title="Pod"
        facts={[
          ['Phase', facts.phase],
          ['Node', facts.node],
          ['Pod IPs', facts.podIps.join(', ')],
          ['Host IP', facts.hostIp],
          ['QoS class', facts.qosClass],
          ['Service account', facts.serviceAccount],
        ]}
      />
      <FactTable
        title="Containers"
        columns={CONTAINER_COLUMNS}
        rows={containerRows(facts.containers)}
      />
      {facts.initContainers.length > 0 && (
        <FactTable
          title="Init containers"
          columns={CONTAINER_COLUMNS}
          rows={containerRows(facts.initContainers)}
        />
      )}
      <FactTable
        title="Volumes"
        columns={['Name', 'Type', 'Source']}
        rows={facts.volumes.map((v) => ({ key: v.name, cells: [v.name, v.type, v.source] }))}
      />
    </>
  );
}

export function WorkloadDetails({ facts }: { facts: WorkloadFacts }) {
  return (
    <>
      <FactList
        title={facts.kind}
        facts={[
          ['Replicas', facts.replicas],
          ['Ready', facts.ready],
          ['Updated', facts.updated],
          ['Available', facts.available],
          ['Strategy', facts.strategy],
          ...(facts.paused ? ([['Rollout', 'paused']] as [string, string][]) : []),
        ]}
      />
      <Chips title="Selector" values={facts.selector} />
      <FactTable
        title="Images"
        columns={['Container', 'Image']}
        rows={facts.images.map((i) => ({
          key: i.container,
          cells: [
            i.container,
            <span key="i" className="object-details__mono">
              {i.image}
            </span>,
          ],
        }))}
      />
    </>
  );
}

export function ServiceDetails({ facts }: { facts: ServiceFacts }) {
  return (
    <>
      <FactList
        title="Service"
        facts={[
          ['Type', facts.type],
          ['Cluster IPs', facts.clusterIps.join(', ')],
          ['External', facts.external.join(', ')],
        ]}
      />
      <FactTable
        title="Ports"
        columns={['Name', 'Port', 'Target port', 'Protocol', 'Node port']}
        rows={facts.ports.map((p) => ({
          key: `${p.name}/${p.port}/${p.protocol}`,
          cells: [p.name, p.port, p.targetPort, p.protocol, p.nodePort || ''],
        }))}
      />
      <Chips title="Selector" values={facts.selector} />
      <FactTable
        title="Endpoints"
        columns={['Address', 'Ready', 'Pod', 'Node']}
        rows={facts.endpoints.map((e) => ({
          key: `${e.address}/${e.pod}`,
          cells: [e.address, e.ready ? 'yes' : 'no', e.pod, e.node],
        }))}
      />
    </>
  );
}

export function IngressDetails({ facts }: { facts: IngressFacts }) {
  return (
    <>
      <FactList
        title="Ingress"
        facts={[
          ['Class', facts.className],
          ['Addresses', facts.addresses.join(', ')],
          ['TLS hosts', facts.tlsHosts.join(', ')],
        ]}
      />
      <FactTable
        title="Rules"
        columns={['Host', 'Path', 'Backend']}
        rows={facts.rules.map((r) => ({
          key: `${r.host}${r.path}${r.backend}`,
          cells: [r.host, r.path, r.backend],
        }))}
      />
    </>
  );
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function DataDetails({ facts }: { facts: DataFacts }) {
  return (
    <>
      {facts.type && <FactList title={facts.kind} facts={[['Type', facts.type]]} />}
      <FactTable
        title="Keys"
        columns={['Key', 'Size', 'Binary']}
        rows={facts.keys.map((k) => ({
          key: k.key,
          cells: [k.key, size(k.bytes), k.binary ? 'yes' : 'no'],
        }))}
      />
    </>
  );
}

export function NodeDetails({ facts }: { facts: NodeFacts }) {
  const resources = [
    ...new Set([...Object.keys(facts.capacity), ...Object.keys(facts.allocatable)]),
  ];
  return (
    <>
      <FactList
        title="Node"
        facts={[
          ['Kubelet', facts.kubeletVersion],
          ['OS image', facts.osImage],
          ['Kernel', facts.kernelVersion],
          ['Runtime', facts.containerRuntime],
          ['Architecture', facts.architecture],
          ['Schedulable', facts.unschedulable ? 'no (cordoned)' : 'yes'],
          ['Pod CIDRs', facts.podCidrs.join(', ')],
        ]}
      />
      <FactTable
        title="Addresses"
        columns={['Type', 'Address']}
        rows={facts.addresses.map((a) => ({
          key: `${a.type}/${a.address}`,
          cells: [a.type, a.address],
        }))}
      />
      <FactTable
        title="Capacity"
        columns={['Resource', 'Capacity', 'Allocatable']}
        rows={resources.map((r) => ({
          key: r,
          cells: [r, facts.capacity[r] ?? '', facts.allocatable[r] ?? ''],
        }))}
      />
      <FactTable
        title="Taints"
        columns={['Key', 'Value', 'Effect']}
        rows={facts.taints.map((t) => ({
          key: `${t.key}/${t.effect}`,
          cells: [t.key, t.value, t.effect],
        }))}
      />
    </>
  );
}

export function JobDetails({ facts }: { facts: JobFacts }) {
  return (
    <FactList
      title="Job"
      facts={[
        ['Completions', facts.completions],
        ['Parallelism', facts.parallelism],
        ['Succeeded', facts.succeeded],
        ['Failed', facts.failed],
        ['Active', facts.active],
        ['Started', facts.started],
        ['Completed', facts.completed],
      ]}
    />
  );
}

export function CronJobDetails({ facts }: { facts: CronJobFacts }) {
  return (
    <FactList
      title="CronJob"
      facts={[
        ['Schedule', <code key="s">{facts.schedule}</code>],
        ['Time zone', facts.timeZone],
        ['Suspended', facts.suspend ? 'yes' : 'no'],
        ['Concurrency', facts.concurrencyPolicy],
        ['Last scheduled', facts.lastSchedule],
        ['Last successful', facts.lastSuccessful],
        ['Active jobs', facts.active.join(', ')],
      ]}
    />
  );
}
