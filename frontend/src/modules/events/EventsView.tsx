/**
 * Live Kubernetes events of the chosen clusters, merged by the server by their own timestamps
 * (`GET /api/v1/streams/events`). The backlog arrives first, then live events; the newest
 * EVENT_BUFFER_SIZE are kept and shown newest first.
 */
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { BufferedStream } from '../../core/refresh/bufferedStream';
import type { KubeEvent } from '../../core/types.generated';
import { EmptyState, LoadingState } from '../../shared/components/States';
import { ClusterStatusChips } from '../../shared/components/tables/ClusterStatusChips';
import {
  ageColumn,
  clusterColumn,
  numberColumn,
  statusColumn,
  textColumn,
} from '../../shared/components/tables/columns';
import { FilterBar } from '../../shared/components/tables/FilterBar';
import { GridTable } from '../../shared/components/tables/GridTable';
import type { GridColumn } from '../../shared/components/tables/gridColumn';
import {
  effectiveClusters,
  type GridViewState,
  useGridState,
} from '../../shared/components/tables/gridState';
import { useClusterSelection } from '../kubernetes/config/ClusterSelectionProvider';
import { distinctNamespaceNames, useNamespaceListing } from '../namespace/NamespaceListingProvider';
import { useNamespaceSelection } from '../namespace/NamespaceSelectionProvider';
import { useObjectPanel } from '../object-panel/ObjectPanelProvider';
import { involvedRef } from '../object-panel/objectRef';
import { viewScopes } from '../views/viewScopes';
import { filterEvents, isKubeEvent, streamParts } from './eventRows';

export const EVENTS_STREAM_PATH = '/api/v1/streams/events';
export const EVENT_BUFFER_SIZE = 10_000;

const COLUMNS: GridColumn[] = [
  clusterColumn(),
  statusColumn('type', 'Type', 90),
  textColumn('reason', 'Reason', 150),
  textColumn('involvedObject', 'Object', 220),
  textColumn('namespace', 'Namespace', 130),
  textColumn('message', 'Message', 420),
  numberColumn('count', 'Count', 70),
  ageColumn('timestamp', 'Last seen'),
];
const INVOLVED_KINDS = [
  'Pod',
  'Node',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
];

export function EventsView() {
  const selection = useClusterSelection();
  const namespaceChoice = useNamespaceSelection();
  const namespaceListing = useNamespaceListing();
  const [state, update, reset] = useGridState('events', null);
  const clusterIds = effectiveClusters(state.clusters, selection.selectedIds);
  const scopes = viewScopes(clusterIds, (clusterId) => namespaceChoice.namespacesOf(clusterId));
  const scopeKey = scopes.join('\n');
  const followed = selection.selected.filter((cluster) => clusterIds.includes(cluster.clusterId));

  return (
    <section className="view" aria-label="Events" data-view="events">
      <header className="view__header">
        <h2>Events</h2>
      </header>
      <FilterBar
        state={state}
        onChange={update}
        onReset={reset}
        clusters={selection.selected}
        namespaceChoices={distinctNamespaceNames(namespaceListing)}
        kindChoices={[...new Set([...INVOLVED_KINDS, ...state.kinds])]}
        columns={COLUMNS}
      />
      {scopes.length === 0 ? (
        <EmptyState>Select one or more clusters in the header to see their events.</EmptyState>
      ) : (
        <EventsTable key={scopeKey} scopes={scopes} clusters={followed} state={state} />
      )}
    </section>
  );
}

function EventsTable({
  scopes,
  clusters,
  state,
}: {
  scopes: string[];
  clusters: ReturnType<typeof useClusterSelection>['selected'];
  /** The filters and the column layout. */
  state: GridViewState;
}) {
  const { openObject } = useObjectPanel();
  const [stream] = useState(
    () =>
      new BufferedStream<KubeEvent>({
        path: EVENTS_STREAM_PATH,
        scopes,
        itemEvent: 'k8s-event',
        isItem: isKubeEvent,
        capacity: EVENT_BUFFER_SIZE,
      }),
  );
  useEffect(() => {
    stream.start();
    return () => stream.stop();
  }, [stream]);
  const view = useSyncExternalStore(stream.subscribe, stream.getView);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the buffer changes in place; the revision says when
  const events = useMemo(() => stream.items.toArray(), [stream, view.revision]);
  const { q, namespaces, kinds } = state;
  const rows = useMemo(
    () => filterEvents(events, { q, namespaces, kinds }),
    [events, q, namespaces, kinds],
  );
  const rowAt = useCallback((index: number) => rows[index], [rows]);
  const parts = streamParts(clusters, view.statuses, view.state === 'open', events);

  return (
    <>
      <div className="view__status">
        <span
          className="stream-badge"
          data-state={view.state}
          title="Events arrive through the event stream, merged by their own time."
        >
          {view.state === 'open'
            ? 'live'
            : view.state === 'connecting'
              ? 'connecting…'
              : 'stream down, retrying'}
        </span>
        <ClusterStatusChips parts={parts} />
      </div>
      {view.dropped > 0 && (
        <p className="banner" role="status">
          {view.dropped} events were dropped by the server (
          {view.droppedReason ?? 'reader too slow'}).
        </p>
      )}
      <div className="view__body">
        {view.received === 0 && view.state !== 'open' ? (
          <LoadingState>Connecting to the event stream…</LoadingState>
        ) : rows.length === 0 ? (
          <EmptyState>
            {events.length === 0 ? 'No events yet.' : 'No events match the filters.'}
          </EmptyState>
        ) : (
          <GridTable
            label="Events"
            columns={COLUMNS}
            layout={state}
            rowCount={rows.length}
            rowAt={rowAt}
            revision={view.revision}
            onOpen={(row) => {
              if ('involvedObject' in row)
                openObject(involvedRef(row.clusterId, row.involvedObject));
            }}
          />
        )}
      </div>
    </>
  );
}
