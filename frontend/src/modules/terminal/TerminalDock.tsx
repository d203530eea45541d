/**
 * The bottom dock: every terminal session as a tab labelled cluster (its colour) / namespace /
 * pod / container. Sessions stay mounted while hidden, so switching tabs or views keeps them.
 */
import { useState } from 'react';
import { clusterColour } from '../../shared/clusterColours';
import { clusterNameOf } from '../object-panel/clusterNameOf';
import { useTerminalDock } from './TerminalDockProvider';
import { TerminalSession } from './TerminalSession';
import './terminal.css';

export function TerminalDock() {
  const { sessions, activeId, activate, close, open } = useTerminalDock();
  const [collapsed, setCollapsed] = useState(false);
  if (sessions.length === 0) return null;
  return (
    <section
      className="terminal-dock"
      data-collapsed={collapsed || undefined}
      aria-label="Terminals"
      data-testid="terminal-dock"
    >
      <div className="terminal-dock__tabs" role="tablist" aria-label="Terminal sessions">
        {sessions.map(({ id, target }) => {
          const cluster = clusterNameOf(target.clusterId);
          const label = `${cluster} / ${target.namespace} / ${target.pod} / ${target.container}`;
          return (
            <span
              key={id}
              className="terminal-dock__tab"
              data-active={id === activeId || undefined}
              style={{ borderTopColor: clusterColour(target.clusterId) }}
            >
              <button
                type="button"
                role="tab"
                aria-selected={id === activeId}
                title={`${target.clusterId} · ${target.namespace}/${target.pod}/${target.container}`}
                onClick={() => {
                  activate(id);
                  setCollapsed(false);
                }}
              >
                <span
                  className="terminal-dock__cluster"
                  style={{ backgroundColor: clusterColour(target.clusterId) }}
                >
                  {cluster}
                </span>
                <span className="terminal-dock__label">
                  {target.namespace} / {target.pod} / {target.container}
                  {target.debugImage ? ` (debug: ${target.debugImage})` : ''}
                </span>
              </button>
              <button
                type="button"
                className="link-button"
                aria-label={`Close terminal ${label}`}
                onClick={() => close(id)}
              >
                ×
              </button>
            </span>
          );
        })}
        <button
          type="button"
          className="link-button terminal-dock__toggle"
          aria-expanded={!collapsed}
          onClick={() => setCollapsed((value) => !value)}
        >
          {collapsed ? 'Show terminals' : 'Hide'}
        </button>
      </div>
      <div className="terminal-dock__body" hidden={collapsed}>
        {sessions.map(({ id, target }) => (
          <TerminalSession
            key={id}
            target={target}
            active={id === activeId && !collapsed}
            onDebug={(debugImage) => open({ ...target, debugImage })}
          />
        ))}
      </div>
    </section>
  );
}
