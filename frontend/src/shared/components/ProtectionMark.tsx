/** A protected cluster says so wherever its name is shown: `read-only` or `confirm`. */
import { protectionOf } from '../clusterSettings';

export function ProtectionMark({ clusterId }: { clusterId: string }) {
  const protection = protectionOf(clusterId);
  if (protection === 'none') return null;
  const title =
    protection === 'read-only'
      ? 'Read-only in Regatta: every action on this cluster is refused'
      : 'Protected: destructive actions ask for the cluster name';
  return (
    <span className={`protection-mark protection-mark--${protection}`} title={title}>
      {protection}
    </span>
  );
}
