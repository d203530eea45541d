/**
 * The object panel's Logs tab. For a pod: one container or all (init and ephemeral containers
 * too), optionally the previous (last terminated) container. For a workload: all its pods, pods
 * that appear later included, and optionally the namesake workload in every selected cluster,
 * merged into one stream. "Open in Logs view" hands the running session to the Logs view.
 */
import { useEffect, useState } from 'react';
import { objectScope, podScope } from '../../core/refresh/scopes';
import type { ObjectRef, ObjectSummary } from '../../core/types.generated';
import { useClusterSelection } from '../kubernetes/config/ClusterSelectionProvider';
import { LogViewer } from './LogViewer';
import { DEFAULT_READING, DEFAULT_SPEC, LogSession, type LogSpec, logSessions } from './logSession';

/** Kinds with logs: (group, kind). */
const LOG_KINDS = new Set([
  '/Pod',
  'apps/Deployment',
  'apps/StatefulSet',
  'apps/DaemonSet',
  'apps/ReplicaSet',
  'batch/Job',
]);

export function hasLogs(ref: Pick<ObjectRef, 'group' | 'kind'>): boolean {
  return LOG_KINDS.has(`${ref.group}/${ref.kind}`);
}

/** The panel is narrow: lines wrap there, so their text is seen without scrolling sideways. */
const PANEL_READING = { ...DEFAULT_READING, wrap: true };

interface Choice {
  container: string;
  previous: boolean;
  everyCluster: boolean;
}

/** The scopes a choice follows. */
export function scopesFor(
  ref: ObjectRef,
  choice: Choice,
  selectedClusterIds: readonly string[],
): string[] {
  if (ref.kind === 'Pod')
    return [podScope(ref.clusterId, ref.namespace, ref.name, choice.container || undefined)];
  if (!choice.everyCluster) return [objectScope(ref)];
  const clusters = [ref.clusterId, ...selectedClusterIds.filter((id) => id !== ref.clusterId)];
  return clusters.map((clusterId) => objectScope({ ...ref, clusterId }));
}

function specFor(ref: ObjectRef, choice: Choice, selected: readonly string[]): LogSpec {
  return {
    ...DEFAULT_SPEC,
    scopes: scopesFor(ref, choice, selected),
    previous: ref.kind === 'Pod' && choice.previous,
  };
}

function titleFor(ref: ObjectRef, choice: Choice): string {
  const base = choice.container ? `${ref.name}/${choice.container}` : ref.name;
  if (choice.previous) return `${base} (previous)`;
  return choice.everyCluster ? `${base} (every cluster)` : base;
}

export function ObjectLogsTab({
  objectRef,
  summary,
}: {
  objectRef: ObjectRef;
  summary: ObjectSummary | null;
}) {
  const { selectedIds } = useClusterSelection();
  const [choice, setChoice] = useState<Choice>({
    container: '',
    previous: false,
    everyCluster: false,
  });
  const [session] = useState(
    () =>
      new LogSession(
        titleFor(objectRef, choice),
        specFor(objectRef, choice, selectedIds),
        PANEL_READING,
      ),
  );
  const [handedOver, setHandedOver] = useState(false);
  useEffect(() => {
    session.start();
    return () => {
      if (!logSessions.get().sessions.includes(session)) session.stop();
    };
  }, [session]);
  const change = (next: Partial<Choice>) => {
    const updated = { ...choice, ...next };
    setChoice(updated);
    session.respec(specFor(objectRef, updated, selectedIds), titleFor(objectRef, updated));
  };
  const isPod = objectRef.kind === 'Pod';

  return (
    <div className="object-logs" data-testid="object-logs">
      <div className="object-logs__bar">
        {isPod ? (
          <>
            <label className="inline-field">
              Container
              <select
                aria-label="Container"
                value={choice.container}
                onChange={(event) => change({ container: event.target.value })}
              >
                <option value="">all containers</option>
                {(summary?.containers ?? []).map((name) => (
                  <option key={`c-${name}`} value={name}>
                    {name}
                  </option>
                ))}
                {(summary?.initContainers ?? []).map((name) => (
                  <option key={`i-${name}`} value={name}>
                    {name} (init)
                  </option>
                ))}
                {(summary?.ephemeralContainers ?? []).map((name) => (
                  <option key={`e-${name}`} value={name}>
                    {name} (ephemeral)
                  </option>
                ))}
              </select>
            </label>
            <label className="inline-field" title="The log of the last terminated container">
              <input
                type="checkbox"
                checked={choice.previous}
                onChange={(event) => change({ previous: event.target.checked })}
              />
              Previous
            </label>
          </>
        ) : (
          <label
            className="inline-field"
            title="Follow the workload of this name and namespace in every selected cluster"
          >
            <input
              type="checkbox"
              checked={choice.everyCluster}
              disabled={selectedIds.length < 2}
              onChange={(event) => change({ everyCluster: event.target.checked })}
            />
            Same workload in every cluster
          </label>
        )}
        <button
          type="button"
          disabled={handedOver}
          onClick={() => {
            logSessions.open(session);
            setHandedOver(true);
            window.location.hash = '#/logs';
          }}
        >
          Open in Logs view
        </button>
      </div>
      <LogViewer session={session} />
    </div>
  );
}
