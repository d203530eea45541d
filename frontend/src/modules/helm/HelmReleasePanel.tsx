/**
 * One Helm release's panel: its cluster (name and colour) first, then the release, its actions,
 * and the History / Values / Manifest / Notes / Resources tabs. Values and the manifest are shown
 * read-only in the shared code viewer; values can be compared with the same release name in
 * other clusters.
 */
import './helm.css';
import { useCallback, useState } from 'react';
import { useRefreshServices } from '../../core/refresh/RefreshProvider';
import type { ActionResult, HelmReleaseDetail, HelmReleaseItem } from '../../core/types.generated';
import { clusterColour } from '../../shared/clusterColours';
import { CodeViewer } from '../../shared/components/code/CodeViewer';
import { ErrorState, LoadingState } from '../../shared/components/States';
import { useLiveLoad } from '../../shared/hooks/useLiveLoad';
import { useClusterSelection } from '../kubernetes/config/ClusterSelectionProvider';
import { clusterNameOf } from '../object-panel/clusterNameOf';
import { FactTable } from '../object-panel/details/Facts';
import { useObjectPanel } from '../object-panel/ObjectPanelProvider';
import { CompareValues } from './CompareValues';
import { HelmActionConfirm, type PendingAction } from './HelmActions';
import { type ReleaseKey, releaseKeyText, releasesNamed } from './helmApi';
import { useRelease } from './useRelease';

type Tab = 'history' | 'values' | 'manifest' | 'notes' | 'resources';
const TABS: [Tab, string][] = [
  ['history', 'History'],
  ['values', 'Values'],
  ['manifest', 'Manifest'],
  ['notes', 'Notes'],
  ['resources', 'Resources'],
];

export function HelmReleasePanel({
  release,
  onClose,
}: {
  release: ReleaseKey;
  onClose: () => void;
}) {
  const [tab, setTab] = useState<Tab>('values');
  const [reloads, setReloads] = useState(0);
  const [pending, setPending] = useState<PendingAction | null>(null);
  const [done, setDone] = useState<ActionResult | null>(null);
  const state = useRelease(release, reloads);
  const clusterName = clusterNameOf(release.clusterId);
  const colour = clusterColour(release.clusterId);
  const label = `${release.namespace}/${release.name}`;
  const reload = useCallback(() => setReloads((count) => count + 1), []);
  const detail = state.status === 'loaded' ? state.value : null;
  const uninstalled = done?.action === 'helm-uninstall';

  return (
    <aside
      className="object-panel helm-release"
      aria-label={`Helm release ${label} on ${clusterName}`}
      data-testid="helm-release-panel"
      data-cluster-id={release.clusterId}
      style={{ borderTopColor: colour }}
    >
      <header className="object-panel__header">
        <span
          className="object-panel__cluster"
          title={release.clusterId}
          style={{ backgroundColor: colour, color: '#fff' }}
        >
          {clusterName}
        </span>
        <button type="button" className="link-button" onClick={onClose} aria-label="Close release">
          ×
        </button>
      </header>
      <h2 className="object-panel__title">
        <span className="object-panel__kind">Helm release</span> {label}
      </h2>
      {detail && (
        <p className="helm-release__facts">
          <span>
            {detail.chart}-{detail.chartVersion}
          </span>
          {detail.appVersion && <span>app {detail.appVersion}</span>}
          <span data-testid="helm-revision">revision {detail.revision}</span>
          <span className={`helm-release__status helm-release__status--${detail.status}`}>
            {detail.status}
          </span>
        </p>
      )}
      {done && (
        <p role="status" className="helm-release__done">
          {done.message}
        </p>
      )}
      {!uninstalled && (
        <div className="helm-release__actions">
          <button
            type="button"
            className="object-confirm__danger"
            disabled={!detail}
            onClick={() => setPending({ kind: 'uninstall' })}
          >
            Uninstall…
          </button>
          <button type="button" className="link-button" onClick={reload}>
            Reload
          </button>
        </div>
      )}
      {state.status === 'loading' && <LoadingState>Loading release {label}…</LoadingState>}
      {state.status === 'failed' && (
        <ErrorState
          title={`Release ${label} could not be loaded.`}
          error={state.error}
          onRetry={reload}
        />
      )}
      {detail && !uninstalled && (
        <>
          {detail.error && (
            <p role="alert" className="helm-release__error">
              {detail.error}
            </p>
          )}
          <div className="object-panel__tabs" role="tablist" aria-label="Release views">
            {TABS.map(([id, text]) => (
              <button
                key={id}
                type="button"
                role="tab"
                aria-selected={tab === id}
                onClick={() => setTab(id)}
              >
                {text}
              </button>
            ))}
          </div>
          <div className="helm-release__body" role="tabpanel">
            {tab === 'history' && (
              <HistoryTab
                detail={detail}
                onRollback={(revision) => setPending({ kind: 'rollback', revision })}
              />
            )}
            {tab === 'values' && <ValuesTab detail={detail} />}
            {tab === 'manifest' && (
              <CodeViewer
                value={detail.manifest}
                label={`Manifest of ${label} on ${clusterName}`}
              />
            )}
            {tab === 'notes' && (
              <pre className="helm-release__notes">{detail.notes || 'The chart has no notes.'}</pre>
            )}
            {tab === 'resources' && <ResourcesTab detail={detail} />}
          </div>
        </>
      )}
      {pending && detail && (
        <HelmActionConfirm
          release={release}
          clusterName={clusterName}
          currentRevision={detail.revision}
          pending={pending}
          onClose={() => setPending(null)}
          onDone={(result) => {
            setPending(null);
            setDone(result);
            reload();
          }}
        />
      )}
    </aside>
  );
}

function HistoryTab({
  detail,
  onRollback,
}: {
  detail: HelmReleaseDetail;
  onRollback: (revision: number) => void;
}) {
  return (
    <FactTable
      title="Revisions"
      columns={['Revision', 'Status', 'Chart', 'App', 'Updated', 'Description', '']}
      rows={detail.history.map((entry) => ({
        key: String(entry.revision),
        cells: [
          entry.revision,
          entry.status,
          `${entry.chart}-${entry.chartVersion}`,
          entry.appVersion,
          entry.updatedAt,
          entry.error ?? entry.description,
          entry.revision !== detail.revision && !entry.error && (
            <button
              key="rollback"
              type="button"
              className="link-button"
              onClick={() => onRollback(entry.revision)}
            >
              Roll back to {entry.revision}…
            </button>
          ),
        ],
      }))}
    />
  );
}

function ValuesTab({ detail }: { detail: HelmReleaseDetail }) {
  const [computed, setComputed] = useState(false);
  const [comparing, setComparing] = useState(false);
  const others = useSameNameElsewhere(detail);
  const text = computed ? detail.computedValuesYaml : detail.valuesYaml;
  const which = computed ? 'Computed values' : 'User-supplied values';
  return (
    <div className="helm-values">
      <div className="helm-values__bar">
        <label>
          <input
            type="checkbox"
            checked={computed}
            onChange={(e) => setComputed(e.target.checked)}
          />{' '}
          Include the chart's defaults (computed values)
        </label>
        {others.length > 0 && (
          <button type="button" className="link-button" onClick={() => setComparing(!comparing)}>
            {comparing ? 'Stop comparing' : `Compare values across clusters (${others.length + 1})`}
          </button>
        )}
      </div>
      {comparing && others.length > 0 ? (
        <CompareValues release={detail} others={others} computed={computed} />
      ) : text ? (
        <CodeViewer value={text} label={`${which} of ${detail.name} on ${detail.clusterName}`} />
      ) : (
        <p className="muted">
          No values were supplied at install or upgrade; the chart's defaults apply.
        </p>
      )}
    </div>
  );
}

/** The same release name installed in the other selected clusters (again when Helm's storage
 * changes there). */
function useSameNameElsewhere(detail: HelmReleaseDetail): HelmReleaseItem[] {
  const { client, coordinator } = useRefreshServices();
  const others = useClusterSelection().selectedIds.filter((id) => id !== detail.clusterId);
  const state = useLiveLoad(
    async (signal) =>
      others.length === 0
        ? []
        : (await releasesNamed(client, others, detail.name, signal)).filter((item) => !item.error),
    (reload) => coordinator.watch('helm-releases', others, reload),
    [client, coordinator, detail.name, others.join('\n')],
  );
  return state.status === 'loaded' ? state.value : [];
}

function ResourcesTab({ detail }: { detail: HelmReleaseDetail }) {
  const { openObject } = useObjectPanel();
  if (detail.resources.length === 0) return <p className="muted">The manifest names no objects.</p>;
  return (
    <ul className="helm-resources">
      {detail.resources.map((ref) => (
        <li key={releaseKeyText({ ...ref, name: `${ref.kind}/${ref.name}` })}>
          <button
            type="button"
            className="link-button"
            onClick={() => openObject({ ...ref, uid: null })}
          >
            {ref.kind} {ref.namespace ? `${ref.namespace}/` : ''}
            {ref.name}
          </button>
        </li>
      ))}
    </ul>
  );
}
