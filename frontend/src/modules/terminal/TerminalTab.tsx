/**
 * The object panel's Terminal tab for a pod: pick a container, open a terminal in the bottom dock.
 * Disabled with the reason when can-i says `exec` is not allowed (it names verb, resource and
 * cluster) or the cluster is not answering; a debug container is offered when `debug` is allowed.
 */
import { useState } from 'react';
import type { ActionPermission, ObjectRef, ObjectSummary } from '../../core/types.generated';
import { allowanceOf } from '../object-panel/usePermissions';
import { DebugImageField } from './DebugImageField';
import { useTerminalDock } from './TerminalDockProvider';

export function TerminalTab({
  objectRef,
  summary,
  permissions,
  blocked,
}: {
  objectRef: ObjectRef;
  summary: ObjectSummary | null;
  permissions: readonly ActionPermission[] | null;
  blocked: string | null;
}) {
  const { open } = useTerminalDock();
  const names = [...(summary?.containers ?? []), ...(summary?.ephemeralContainers ?? [])];
  const [picked, setPicked] = useState('');
  const [image, setImage] = useState('busybox');
  const container = names.includes(picked) ? picked : (names[0] ?? '');
  const exec = allowanceOf(permissions, 'exec', blocked);
  const debug = allowanceOf(permissions, 'debug', blocked);
  const target = {
    clusterId: objectRef.clusterId,
    namespace: objectRef.namespace,
    pod: objectRef.name,
    container,
  };
  return (
    <div className="terminal-tab">
      <label className="inline-field">
        Container{' '}
        <select
          value={container}
          onChange={(event) => setPicked(event.target.value)}
          aria-label="Container"
        >
          {names.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <div className="terminal-tab__row">
        <button
          type="button"
          disabled={!exec.allowed || !container}
          title={exec.reason}
          onClick={() => open(target)}
        >
          Open terminal
        </button>
        <span className="muted">bash if the container has it, else sh.</span>
      </div>
      {!exec.allowed && exec.reason && (
        <p className="terminal-tab__reason" data-testid="terminal-reason">
          {exec.reason}
        </p>
      )}
      <details className="terminal-tab__debug">
        <summary>No shell in the container? Debug container…</summary>
        <p className="muted">
          Adds an ephemeral container next to {container || 'the container'} (as kubectl debug does)
          and opens a terminal in it. It stays in the pod until the pod goes.
        </p>
        <div className="terminal-tab__row">
          <DebugImageField image={image} onChange={setImage} className="inline-field" />
          <button
            type="button"
            disabled={!debug.allowed || !container || !image.trim()}
            title={debug.reason}
            onClick={() => open({ ...target, debugImage: image.trim() })}
          >
            Start debug container
          </button>
        </div>
      </details>
    </div>
  );
}
