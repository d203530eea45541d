/**
 * A status chip per cluster above an aggregated table, after a one-line summary. A cluster whose
 * pushed health says it is not ready shows that state at once, in the words the sidebar and the
 * diagnostics use, whatever the part fetched before said. A chip names the cluster by its alias
 * (or its short name) and offers to set the alias.
 */
import { type FormEvent, useState } from 'react';
import { toContractError } from '../../../core/contractError';
import { clusterStateLabel, withHealth } from '../../../core/refresh/clusterStatus';
import { useClusterHealth } from '../../../core/refresh/hooks';
import type { SnapshotClusterPart } from '../../../core/types.generated';
import { aliasProblem, clusterLabel, setClusterAlias } from '../../clusterLabel';
import { clusterSettingsOf, useClusterSettingsVersion } from '../../clusterSettings';
import { statusTone } from '../StatusDot';
import { summarizeClusterParts } from './clusterSummary';

export function ClusterStatusChips({ parts }: { parts: readonly SnapshotClusterPart[] }) {
  const health = useClusterHealth();
  useClusterSettingsVersion(); // a new alias renames the chips
  const [editing, setEditing] = useState<string | null>(null);
  const shown = parts.map((part) => withHealth(part, health.get(part.clusterId)));
  if (shown.length === 0) return null;
  return (
    <div className="cluster-chips" data-testid="cluster-chips">
      <span className="cluster-chips__summary" data-testid="cluster-summary">
        {summarizeClusterParts(shown)}
      </span>
      <ul className="cluster-chips__list" aria-label="Cluster status">
        {shown.map((part) => (
          <li
            key={part.clusterId}
            className="cluster-chip"
            data-tone={statusTone(part.status)}
            data-status={part.status}
            data-cluster-id={part.clusterId}
            title={part.message ?? `${part.clusterName}: ${clusterStateLabel(part)}`}
          >
            {editing === part.clusterId ? (
              <AliasEditor
                clusterId={part.clusterId}
                clusterName={part.clusterName}
                onDone={() => setEditing(null)}
              />
            ) : (
              <>
                <span className="cluster-chip__name" data-testid="cluster-chip-name">
                  {clusterLabel(part.clusterId, part.clusterName)}
                </span>
                <button
                  type="button"
                  className="link-button cluster-chip__alias"
                  aria-label={`Alias for ${part.clusterName}`}
                  title="Give this cluster a short alias"
                  onClick={() => setEditing(part.clusterId)}
                >
                  ✎
                </button>
              </>
            )}
            <span className="cluster-chip__status">{clusterStateLabel(part)}</span>
            {part.status !== 'loading' && (
              <span className="cluster-chip__count">{part.itemCount}</span>
            )}
            {part.message && <span className="cluster-chip__message">{part.message}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function AliasEditor({
  clusterId,
  clusterName,
  onDone,
}: {
  clusterId: string;
  clusterName: string;
  onDone: () => void;
}) {
  const [text, setText] = useState(clusterSettingsOf(clusterId)?.alias ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const wrong = aliasProblem(text);
    if (wrong) return setProblem(wrong);
    setSaving(true);
    try {
      await setClusterAlias(clusterId, text);
      onDone();
    } catch (thrown) {
      setProblem(toContractError(thrown).message);
      setSaving(false);
    }
  };
  return (
    <form className="cluster-chip__editor" onSubmit={(event) => void submit(event)}>
      <input
        aria-label={`Alias for ${clusterName}`}
        placeholder={clusterName}
        value={text}
        maxLength={64}
        // biome-ignore lint/a11y/noAutofocus: the editor opens on request, to be typed in
        autoFocus
        onChange={(event) => {
          setText(event.target.value);
          setProblem(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onDone();
        }}
      />
      <button type="submit" disabled={saving}>
        Save
      </button>
      {problem && (
        <span role="alert" className="cluster-chip__message">
          {problem}
        </span>
      )}
    </form>
  );
}
