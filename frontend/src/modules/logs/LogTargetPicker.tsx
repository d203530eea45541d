/** Picks the pods whose logs to follow, from the pods of every selected cluster. */
import { useMemo, useState } from 'react';
import { useSnapshot } from '../../core/refresh/hooks';
import { clusterScope } from '../../core/refresh/scopes';
import { EmptyState, ErrorState, LoadingState } from '../../shared/components/States';
import { useDebounced } from '../../shared/hooks/useDebounced';
import { useClusterSelection } from '../kubernetes/config/ClusterSelectionProvider';
import { type LogTarget, targetScope } from './logSources';

const PICKER_ROWS = 50;
const SEARCH_DELAY_MS = 250;

export function LogTargetPicker({
  targets,
  onChange,
}: {
  targets: readonly LogTarget[];
  onChange: (targets: LogTarget[]) => void;
}) {
  const selection = useClusterSelection();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), SEARCH_DELAY_MS);
  const clusterKey = selection.selectedIds.join('\n');
  const query = useMemo(
    () =>
      clusterKey
        ? { scopes: clusterKey.split('\n').map(clusterScope), q, sort: 'name', limit: PICKER_ROWS }
        : null,
    [clusterKey, q],
  );
  const pods = useSnapshot('pods', query);
  const chosen = new Set(targets.map(targetScope));

  const candidates: LogTarget[] =
    pods.status === 'loaded'
      ? pods.snapshot.items.map(({ clusterId, clusterName, namespace, name }) => ({
          clusterId,
          clusterName,
          namespace,
          pod: name,
        }))
      : [];
  const toggle = (target: LogTarget, on: boolean) => {
    const rest = targets.filter((item) => targetScope(item) !== targetScope(target));
    onChange(on ? [...rest, target] : rest);
  };
  const addAll = () =>
    onChange([...targets, ...candidates.filter((target) => !chosen.has(targetScope(target)))]);

  return (
    <div className="log-picker">
      <div className="log-picker__bar">
        <input
          type="search"
          aria-label="Find pods"
          placeholder="Find pods in the selected clusters…"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <button type="button" onClick={addAll} disabled={candidates.length === 0}>
          Follow all shown
        </button>
        {targets.length > 0 && (
          <button type="button" className="link-button" onClick={() => onChange([])}>
            Stop following all
          </button>
        )}
      </div>
      {pods.status === 'idle' && <EmptyState>Select clusters to pick pods.</EmptyState>}
      {pods.status === 'loading' && <LoadingState>Loading pods…</LoadingState>}
      {pods.status === 'failed' && (
        <ErrorState title="Pods could not be listed." error={pods.error} />
      )}
      {pods.status === 'loaded' && candidates.length === 0 && (
        <EmptyState>No pod matches.</EmptyState>
      )}
      {candidates.length > 0 && (
        <ul className="log-picker__list" aria-label="Pods">
          {candidates.map((target) => {
            const scope = targetScope(target);
            return (
              <li key={scope}>
                <label title={scope}>
                  <input
                    type="checkbox"
                    checked={chosen.has(scope)}
                    onChange={(event) => toggle(target, event.target.checked)}
                  />
                  <span className="log-picker__cluster">{target.clusterName}</span>{' '}
                  {target.namespace}/{target.pod}
                </label>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
