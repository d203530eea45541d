/** What a drain did with each pod of the node. */
import type { DrainedPod } from '../../core/types.generated';

export function DrainResults({ pods }: { pods: readonly DrainedPod[] }) {
  if (pods.length === 0) return <p className="muted">No pods were bound to the node.</p>;
  return (
    <table className="object-drain" aria-label="Drain results">
      <thead>
        <tr>
          <th>Pod</th>
          <th>Outcome</th>
          <th>Reason</th>
        </tr>
      </thead>
      <tbody>
        {pods.map((pod) => (
          <tr key={`${pod.namespace}/${pod.name}`} data-outcome={pod.outcome}>
            <td>
              {pod.namespace}/{pod.name}
            </td>
            <td>{pod.outcome}</td>
            <td>{pod.reason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
