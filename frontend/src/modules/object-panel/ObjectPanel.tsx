/**
 * One object's panel: its cluster (name and colour) first, then kind and namespace/name, the
 * Details / YAML / Events tabs, and the actions. Everything here uses `objectRef.clusterId`.
 */
import { useCallback, useState } from 'react';
import { useClusterStatuses } from '../../core/refresh/hooks';
import { objectScope } from '../../core/refresh/scopes';
import type { ActionResult, ObjectRef } from '../../core/types.generated';
import { clusterColour } from '../../shared/clusterColours';
import { ProtectionMark } from '../../shared/components/ProtectionMark';
import { CompareButton } from '../compare/CompareDialog';
import { hasLogs, ObjectLogsTab } from '../logs/ObjectLogsTab';
import { hasUsageChart, UsageChart } from '../metrics/UsageChart';
import { ForwardPortAction } from '../port-forwards/ForwardPortAction';
import { RolloutsTab } from '../rollouts/RolloutsTab';
import { hasRollouts } from '../rollouts/rolloutsApi';
import { TerminalTab } from '../terminal/TerminalTab';
import { clusterBlock } from './actionGate';
import { clusterNameOf } from './clusterNameOf';
import { DetailsTab } from './DetailsTab';
import { EventsTab } from './EventsTab';
import { ObjectActions } from './ObjectActions';
import { useObjectSnapshot } from './useObjectSnapshot';
import { applyAllowanceOf, usePermissions } from './usePermissions';
import { YamlTab } from './YamlTab';

type Tab = 'details' | 'yaml' | 'events' | 'logs' | 'terminal' | 'rollouts';
const isPod = (ref: ObjectRef) => ref.group === '' && ref.kind === 'Pod';
const always = () => true;

/** The tabs, each with the kinds it fits. */
const TABS: [Tab, string, (ref: ObjectRef) => boolean][] = [
  ['details', 'Details', always],
  ['yaml', 'YAML', always],
  ['events', 'Events', always],
  ['logs', 'Logs', hasLogs],
  ['terminal', 'Terminal', isPod],
  ['rollouts', 'Rollouts', hasRollouts],
];

export function ObjectPanel({
  objectRef,
  hidden = false,
  onClose,
}: {
  objectRef: ObjectRef;
  hidden?: boolean;
  onClose: () => void;
}) {
  const [tab, setTab] = useState<Tab>('details');
  const [reloads, setReloads] = useState(0);
  const [deleted, setDeleted] = useState<string | null>(null);
  const clusterName = clusterNameOf(objectRef.clusterId);
  const health = useClusterStatuses().get(objectRef.clusterId);
  const blocked = clusterBlock(clusterName, health);
  const permissions = usePermissions(objectRef, health?.status);
  const details = useObjectSnapshot('object-details', objectRef, reloads);
  const item = details.status === 'loaded' ? (details.value[0] ?? null) : null;
  const reload = useCallback(() => setReloads((count) => count + 1), []);
  const onDone = useCallback(
    (result: ActionResult) => {
      if (result.action === 'delete') setDeleted(result.message);
      else reload();
    },
    [reload],
  );
  const colour = clusterColour(objectRef.clusterId);
  const objectName = objectRef.namespace
    ? `${objectRef.namespace}/${objectRef.name}`
    : objectRef.name;

  return (
    <aside
      className="object-panel"
      aria-label={`${objectRef.kind} ${objectName} on ${clusterName}`}
      data-testid="object-panel"
      data-cluster-id={objectRef.clusterId}
      hidden={hidden}
      style={{ borderTopColor: colour }}
    >
      <header className="object-panel__header">
        <span
          className="object-panel__cluster"
          title={objectRef.clusterId}
          data-testid="object-cluster"
          style={{ backgroundColor: colour, color: '#fff' }}
        >
          {clusterName}
        </span>
        <ProtectionMark clusterId={objectRef.clusterId} />
        <CompareButton objectRef={objectRef} />
        <button type="button" className="link-button" onClick={onClose} aria-label="Close object">
          ×
        </button>
      </header>
      <h2 className="object-panel__title">
        <span className="object-panel__kind">{objectRef.kind}</span> {objectName}
      </h2>
      <p className="object-panel__cluster-id muted" data-testid="object-cluster-id">
        {objectRef.clusterId}
      </p>
      {deleted ? (
        <p role="status" className="object-panel__deleted">
          {deleted}
        </p>
      ) : (
        <>
          <ObjectActions
            objectRef={objectRef}
            details={item}
            blocked={blocked}
            permissions={permissions}
            onDone={onDone}
          />
          <ForwardPortAction
            objectRef={objectRef}
            clusterName={clusterName}
            summary={item?.summary ?? null}
            permissions={permissions.answers}
            blocked={blocked}
          />
          {hasUsageChart(objectRef) && <UsageChart objectRef={objectRef} />}
          <div className="object-panel__tabs" role="tablist" aria-label="Object views">
            {TABS.filter(([, , fits]) => fits(objectRef)).map(([id, label]) => (
              <button
                key={id}
                type="button"
                role="tab"
                aria-selected={tab === id}
                onClick={() => setTab(id)}
              >
                {label}
              </button>
            ))}
            <button type="button" className="link-button" onClick={reload}>
              Reload
            </button>
          </div>
          <div className="object-panel__body" role="tabpanel">
            {tab === 'details' && <DetailsTab state={details} />}
            {tab === 'yaml' && (
              <YamlTab
                objectRef={objectRef}
                reloads={reloads}
                onReload={reload}
                applyAllowance={applyAllowanceOf(permissions, blocked)}
              />
            )}
            {tab === 'events' && <EventsTab objectRef={objectRef} reloads={reloads} />}
            {tab === 'rollouts' && (
              <RolloutsTab
                objectRef={objectRef}
                clusterName={clusterName}
                permissions={permissions.answers}
                blocked={blocked}
                reloads={reloads}
                version={item?.resourceVersion}
                onDone={onDone}
              />
            )}
            {tab === 'terminal' && (
              <TerminalTab
                objectRef={objectRef}
                summary={item?.summary ?? null}
                permissions={permissions.answers}
                blocked={blocked}
              />
            )}
            {tab === 'logs' && (
              <ObjectLogsTab
                key={objectScope(objectRef)}
                objectRef={objectRef}
                summary={item?.summary ?? null}
              />
            )}
          </div>
        </>
      )}
    </aside>
  );
}
