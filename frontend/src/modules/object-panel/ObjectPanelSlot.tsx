/** Where the object panel will live: for now it names the opened object and its cluster. */
import { parseClusterId } from '../../core/refresh/clusterId';
import { useObjectPanel } from './ObjectPanelProvider';

export function ObjectPanelSlot() {
  const { current, closeObject } = useObjectPanel();
  if (!current) return null;
  return (
    <aside className="object-panel" aria-label="Object" data-testid="object-panel">
      <header className="object-panel__header">
        <span className="object-panel__cluster" title={current.clusterId}>
          {clusterNameOf(current.clusterId)}
        </span>
        <button
          type="button"
          className="link-button"
          onClick={closeObject}
          aria-label="Close object"
        >
          ×
        </button>
      </header>
      <h2 className="object-panel__title">
        {current.kind} {current.namespace ? `${current.namespace}/` : ''}
        {current.name}
      </h2>
      <dl className="object-panel__facts">
        <dt>Cluster</dt>
        <dd data-testid="object-cluster-id">{current.clusterId}</dd>
        <dt>API</dt>
        <dd>{current.group ? `${current.group}/${current.version}` : current.version || '—'}</dd>
        {current.uid && (
          <>
            <dt>UID</dt>
            <dd>{current.uid}</dd>
          </>
        )}
      </dl>
      <p className="muted">
        Details, YAML, events and actions for this object arrive with the object panel.
      </p>
    </aside>
  );
}

function clusterNameOf(clusterId: string): string {
  try {
    return parseClusterId(clusterId).context;
  } catch {
    return clusterId;
  }
}
