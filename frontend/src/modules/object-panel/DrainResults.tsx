/** What a drain did with each pod of the node. */
import type { DrainedPod } from '../../core/types.generated';
import { FactTable } from './details/Facts';

export function DrainResults({ pods }: { pods: readonly DrainedPod[] }) {
  if (pods.length === 0) return <p className="muted">No pods were bound to the node.</p>;
  return (
    <FactTable
      title="Drain results"
      columns={['Pod', 'Outcome', 'Reason']}
      rows={pods.map((pod) => ({
        key: `${pod.namespace}/${pod.name}`,
        cells: [`${pod.namespace}/${pod.name}`, pod.outcome, pod.reason],
      }))}
    />
  );
}
