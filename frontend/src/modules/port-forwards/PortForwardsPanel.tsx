/**
 * Every port-forward of the app: its cluster (colour and name), target, the pod it goes to now,
 * the local address (click to copy; "Open" for web ports, a new window — in the desktop window
 * pywebview hands it to the system browser), status with its reason, open connections, and Stop.
 * Kept current by the catalog stream; nothing here polls.
 */
import { useState } from 'react';
import { toContractError } from '../../core/contractError';
import type { PortForward } from '../../core/types.generated';
import { clusterColour } from '../../shared/clusterColours';
import { EmptyState } from '../../shared/components/States';
import { stopForward } from './forwardApi';
import { openUrl } from './forwardPorts';
import { usePortForwards } from './forwardStore';
import './portForwards.css';

export function PortForwardsPanel({ onClose }: { onClose: () => void }) {
  const forwards = usePortForwards();
  return (
    <aside className="forwards" aria-label="Port-forwards" data-testid="forwards-panel">
      <header className="forwards__header">
        <h2>Port-forwards</h2>
        <button
          type="button"
          className="link-button"
          onClick={onClose}
          aria-label="Close port-forwards"
        >
          ×
        </button>
      </header>
      {forwards.length === 0 && (
        <EmptyState>
          No port is forwarded. Open a pod, service or workload and choose “Forward port…”.
        </EmptyState>
      )}
      <ul className="forwards__list">
        {forwards.map((forward) => (
          <ForwardRow key={forward.id} forward={forward} />
        ))}
      </ul>
    </aside>
  );
}

function ForwardRow({ forward }: { forward: PortForward }) {
  const [copied, setCopied] = useState(false);
  const [stopping, setStopping] = useState(false);
  const [stopError, setStopError] = useState<string | null>(null);
  const address = `127.0.0.1:${forward.localPort}`;
  const url = forward.status === 'failed' ? null : openUrl(forward.remotePort, forward.localPort);
  const colour = clusterColour(forward.clusterId);
  const target = `${forward.ref.kind} ${forward.ref.namespace}/${forward.ref.name}:${forward.remotePort}`;

  const copy = () =>
    navigator.clipboard.writeText(address).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  const stop = async () => {
    setStopping(true);
    setStopError(null);
    try {
      await stopForward(forward.id);
    } catch (thrown) {
      setStopError(toContractError(thrown).message);
      setStopping(false);
    }
  };

  return (
    <li
      className="forwards__item"
      data-testid="forward-row"
      data-status={forward.status}
      data-cluster-id={forward.clusterId}
      style={{ borderLeftColor: colour }}
    >
      <div className="forwards__top">
        <span
          className="forwards__cluster"
          title={forward.clusterId}
          style={{ backgroundColor: colour, color: '#fff' }}
        >
          {forward.clusterName}
        </span>
        <span className="forwards__status" data-status={forward.status}>
          {forward.status.charAt(0).toUpperCase() + forward.status.slice(1)}
        </span>
        <span className="forwards__connections muted" title="Open connections">
          {forward.connections} {forward.connections === 1 ? 'connection' : 'connections'}
        </span>
      </div>
      <div className="forwards__target" title={target}>
        {target}
      </div>
      {forward.ref.kind !== 'Pod' && (
        <div className="forwards__pod muted">via pod {forward.pod}</div>
      )}
      <div className="forwards__address">
        <button
          type="button"
          className="forwards__copy"
          title="Copy the local address"
          onClick={() => void copy()}
        >
          {address}
        </button>
        {copied && <span className="muted">copied</span>}
        {url && (
          <a href={url} target="_blank" rel="noopener noreferrer">
            Open
          </a>
        )}
        <button
          type="button"
          className="forwards__stop"
          disabled={stopping}
          onClick={() => void stop()}
        >
          {stopping ? 'Stopping…' : 'Stop'}
        </button>
      </div>
      {forward.message && <p className="forwards__message">{forward.message}</p>}
      {stopError && (
        <p className="forwards__message" role="alert">
          {stopError}
        </p>
      )}
    </li>
  );
}
