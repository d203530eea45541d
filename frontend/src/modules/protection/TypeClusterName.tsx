/**
 * The box a `confirm` cluster's destructive action asks for: the cluster's name, typed exactly.
 * The backend checks the same name (`params.confirmClusterName`); this only asks for it.
 */
import './protection.css';

export function TypeClusterName({
  clusterName,
  value,
  onChange,
}: {
  clusterName: string;
  value: string;
  onChange: (text: string) => void;
}) {
  return (
    <label className="protection-typed-name" data-testid="typed-cluster-name">
      <span>
        Cluster <strong>{clusterName}</strong> is protected. Type its name to go ahead:
      </span>
      <input
        type="text"
        value={value}
        autoComplete="off"
        spellCheck={false}
        aria-label={`Type ${clusterName} to confirm`}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}
