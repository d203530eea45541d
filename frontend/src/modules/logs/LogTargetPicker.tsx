/**
 * Picks the pods whose logs to follow: a searchable list of the selected clusters' pods, grouped
 * by cluster and namespace, that scrolls (wheel and keyboard) however many pods there are, with
 * "select all matching" for what the search shows.
 */
import { useMemo, useState } from 'react';
import { useSnapshot } from '../../core/refresh/hooks';
import { clusterScope } from '../../core/refresh/scopes';
import { EmptyState, ErrorState, LoadingState } from '../../shared/components/States';
import { useDebounced } from '../../shared/hooks/useDebounced';
import { useClusterSelection } from '../kubernetes/config/ClusterSelectionProvider';
import { ClusterChip } from './LogViewer';
import { type LogTarget, targetScope } from './logSources';

/** Pods listed at most (a picker, not a table: the search narrows it). */
export const PICKER_ROWS = 2000;
const SEARCH_DELAY_MS = 250;

interface Group {
  key: string;
  clusterId: string;
  clusterName: string;
  namespace: string;
  targets: LogTarget[];
}

export function groupTargets(targets: readonly LogTarget[]): Group[] {
  const groups = new Map<string, Group>();
  for (const target of targets) {
    const key = `${target.clusterId}|${target.namespace}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, ...target, targets: [] };
      groups.set(key, group);
    }
    group.targets.push(target);
  }
  return [...groups.values()].sort(
    (a, b) => a.clusterName.localeCompare(b.clusterName) || a.namespace.localeCompare(b.namespace),
  );
}

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

  const candidates: LogTarget[] = useMemo(
    () =>
      pods.status === 'loaded'
        ? pods.snapshot.items.map(({ clusterId, clusterName, namespace, name }) => ({
            clusterId,
            clusterName,
            namespace,
            pod: name,
          }))
        : [],
    [pods],
  );
  const groups = useMemo(() => groupTargets(candidates), [candidates]);
  const toggle = (target: LogTarget, on: boolean) => {
    const rest = targets.filter((item) => targetScope(item) !== targetScope(target));
    onChange(on ? [...rest, target] : rest);
  };
  const addAll = (more: readonly LogTarget[]) =>
    onChange([...targets, ...more.filter((target) => !chosen.has(targetScope(target)))]);
  const total = pods.status === 'loaded' ? pods.snapshot.total : 0;

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
        <button type="button" onClick={() => addAll(candidates)} disabled={candidates.length === 0}>
          Select all matching ({candidates.length})
        </button>
        {targets.length > 0 && (
          <button type="button" className="link-button" onClick={() => onChange([])}>
            Clear selection ({targets.length})
          </button>
        )}
        {total > candidates.length && (
          <span className="muted">
            {candidates.length} of {total} shown: search to narrow
          </span>
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
      {groups.length > 0 && (
        <section className="log-picker__list" aria-label="Pods">
          {groups.map((group) => (
            <fieldset key={group.key} className="log-picker__group">
              <legend>
                <ClusterChip line={group} title={group.clusterId} /> {group.namespace}
                <button type="button" className="link-button" onClick={() => addAll(group.targets)}>
                  all {group.targets.length}
                </button>
              </legend>
              {group.targets.map((target) => {
                const scope = targetScope(target);
                return (
                  <label key={scope} title={scope} className="log-picker__pod">
                    <input
                      type="checkbox"
                      checked={chosen.has(scope)}
                      onChange={(event) => toggle(target, event.target.checked)}
                    />
                    {target.pod}
                  </label>
                );
              })}
            </fieldset>
          ))}
        </section>
      )}
    </div>
  );
}
