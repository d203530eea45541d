/**
 * The Logs view: log sessions as tabs (each keeps its sources, filters, follow state and scroll
 * position while other views are open), a pod picker per session, and the session's lines.
 */
import { useState, useSyncExternalStore } from 'react';
import { EmptyState } from '../../shared/components/States';
import { LogTargetPicker } from './LogTargetPicker';
import { LogViewer } from './LogViewer';
import { DEFAULT_SPEC, LogSession, logSessions } from './logSession';
import { type LogTarget, podTargetsOf, targetScope } from './logSources';
import './logs.css';

export function LogsView() {
  const { sessions, activeId } = useSyncExternalStore(logSessions.subscribe, logSessions.get);
  const active = sessions.find((s) => s.id === activeId) ?? sessions[0] ?? null;
  const newSession = () => logSessions.open(new LogSession('Logs', { ...DEFAULT_SPEC }));

  return (
    <section className="view logs-view" aria-label="Logs" data-view="logs">
      <header className="view__header logs-view__tabs" role="tablist" aria-label="Log sessions">
        <h2>Logs</h2>
        {sessions.map((session) => (
          <span
            key={session.id}
            className="logs-view__tab"
            data-active={session === active}
            data-testid="log-session-tab"
          >
            <button
              type="button"
              role="tab"
              aria-selected={session === active}
              title={session.spec.scopes.join('\n')}
              onClick={() => logSessions.activate(session.id)}
            >
              {session.title}
            </button>
            <button
              type="button"
              className="link-button"
              aria-label={`Close ${session.title}`}
              onClick={() => logSessions.close(session.id)}
            >
              ×
            </button>
          </span>
        ))}
        <button type="button" onClick={newSession}>
          + New session
        </button>
      </header>
      {active ? (
        <SessionPane key={active.id} session={active} />
      ) : (
        <EmptyState>
          Start a session to follow the logs of pods from any selected cluster, or open a pod or
          workload and use its Logs tab.
        </EmptyState>
      )}
    </section>
  );
}

function SessionPane({ session }: { session: LogSession }) {
  useSyncExternalStore(session.subscribe, session.getRevision);
  const [picking, setPicking] = useState(session.spec.scopes.length === 0);
  const pods = podTargetsOf(session.spec.scopes);
  const others = session.spec.scopes.filter((scope) => !pods.some((t) => targetScope(t) === scope));
  const choose = (targets: LogTarget[]) => {
    const scopes = [...others, ...targets.map(targetScope)];
    session.respec(
      { ...session.spec, scopes },
      others.length > 0 ? session.title : titleOf(targets),
    );
  };

  return (
    <div className="logs-view__session">
      <div className="logs-view__bar">
        <button type="button" aria-expanded={picking} onClick={() => setPicking(!picking)}>
          {picking ? 'Hide pod picker' : `Pick pods (${pods.length})`}
        </button>
        <label className="inline-field">
          Tail lines
          <input
            type="number"
            min={0}
            max={10000}
            value={session.spec.tailLines}
            onChange={(event) =>
              session.respec({
                ...session.spec,
                tailLines: Math.max(0, Number(event.target.value) || 0),
              })
            }
          />
        </label>
        {others.map((scope) => (
          <span key={scope} className="log-status" title={scope}>
            {scope.slice(scope.indexOf('|') + 1)}
          </span>
        ))}
      </div>
      {picking && <LogTargetPicker targets={pods} onChange={choose} />}
      {session.spec.scopes.length === 0 ? (
        <EmptyState>
          Pick one or more pods (from any selected cluster) to follow their logs.
        </EmptyState>
      ) : (
        <LogViewer session={session} keepsScrollPosition />
      )}
    </div>
  );
}

function titleOf(targets: readonly LogTarget[]): string {
  if (targets.length === 1 && targets[0]) return targets[0].pod;
  return `${targets.length} pods`;
}
