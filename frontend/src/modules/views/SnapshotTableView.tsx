/**
 * An aggregated table view: filter bar, cluster status chips, and the GridTable over a paged
 * snapshot of the view's domain for the chosen clusters (and, per cluster, chosen namespaces).
 */
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type ContractError, toContractError } from '../../core/contractError';
import { postJson } from '../../core/http';
import { usePagedSnapshot } from '../../core/refresh/hooks';
import { useRefreshServices } from '../../core/refresh/RefreshProvider';
import type { SnapshotQuery } from '../../core/refresh/snapshotQuery';
import type { RefreshRequest, SnapshotClusterPart, SnapshotItem } from '../../core/types.generated';
import { EmptyState, ErrorState, LoadingState } from '../../shared/components/States';
import { StreamBadge } from '../../shared/components/StreamBadge';
import { ClusterStatusChips } from '../../shared/components/tables/ClusterStatusChips';
import { shownColumns } from '../../shared/components/tables/columnLayout';
import { derivedColumns } from '../../shared/components/tables/columns';
import { FilterBar } from '../../shared/components/tables/FilterBar';
import { GridTable } from '../../shared/components/tables/GridTable';
import type { TableRow } from '../../shared/components/tables/gridColumn';
import { effectiveClusters, useGridState } from '../../shared/components/tables/gridState';
import { TableTools } from '../../shared/components/tables/TableTools';
import { isDefaultKubeconfig } from '../../shared/components/tables/tableExport';
import { BulkBar } from '../bulk/BulkBar';
import { SELECT_COLUMN } from '../bulk/selectColumn';
import { useClusterSelection } from '../kubernetes/config/ClusterSelectionProvider';
import { FleetTotals } from '../metrics/FleetTotals';
import { distinctNamespaceNames, useNamespaceListing } from '../namespace/NamespaceListingProvider';
import { useNamespaceSelection } from '../namespace/NamespaceSelectionProvider';
import { useObjectPanel } from '../object-panel/ObjectPanelProvider';
import { objectRefOf } from '../object-panel/objectRef';
import type { TableViewDefinition } from './viewDefinitions';
import { viewScopes } from './viewScopes';

export function SnapshotTableView({
  view,
  onOpenRow,
}: {
  view: TableViewDefinition;
  /** Opens a row some other way than the object panel (a Helm release's own panel). */
  onOpenRow?: (row: TableRow) => void;
}) {
  const selection = useClusterSelection();
  const namespaceChoice = useNamespaceSelection();
  const namespaceListing = useNamespaceListing();
  const { openObject, closeObject, current } = useObjectPanel();
  const { client } = useRefreshServices();
  const [activeRow, setActiveRow] = useState<TableRow | undefined>(undefined);
  const [state, update, reset] = useGridState(view.id, view.defaultSort ?? null);
  const [refreshError, setRefreshError] = useState<ContractError | null>(null);

  const clusterIds = effectiveClusters(state.clusters, selection.selectedIds);
  const scopes = viewScopes(clusterIds, (clusterId) =>
    view.clusterScoped ? [] : namespaceChoice.namespacesOf(clusterId),
  );
  const query: SnapshotQuery | null =
    scopes.length === 0
      ? null
      : {
          scopes,
          q: state.q,
          namespaces: view.clusterScoped ? [] : state.namespaces,
          kinds: view.kinds ? state.kinds : [],
          ...(view.labels && state.labelSelector ? { labelSelector: state.labelSelector } : {}),
          ...(state.sort ? { sort: state.sort.field, order: state.sort.order } : {}),
        };
  const { paged, view: data } = usePagedSnapshot(view.domain, query);
  // The chips keep the last parts while a new query (a filter, a sort) loads, which has none yet:
  // they stay mounted, so an alias being typed into one is not lost.
  const lastParts = useRef<readonly SnapshotClusterPart[] | null>(null);
  if (data && data.clusters.length > 0) lastParts.current = data.clusters;

  const rowAt = useCallback((index: number) => paged?.rowAt(index), [paged]);
  const onRangeChange = useCallback(
    (start: number, end: number) => paged?.setRange(start, end),
    [paged],
  );
  // Escape closes the shown object panel, unless a dialog, a menu or a text box has it.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || !current) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], .cm-editor')) return;
      if (document.querySelector('[role="alertdialog"], [role="dialog"]')) return;
      closeObject();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [current, closeObject]);
  const openKey = current?.uid ? `${current.clusterId}|${current.uid}` : null;
  const contextOf = useCallback(
    (clusterId: string) => {
      const context = selection.listing?.contexts.find((c) => c.clusterId === clusterId);
      if (!context) return null;
      return {
        context: context.context,
        kubeconfig: isDefaultKubeconfig(context.path) ? null : context.path,
      };
    },
    [selection.listing],
  );
  const fetchPage = useCallback(
    async (offset: number, limit: number) => {
      if (!query) return { items: [], total: 0 };
      const { snapshot } = await client.fetch(view.domain, { ...query, offset, limit });
      return { items: snapshot.items as TableRow[], total: snapshot.total };
    },
    [client, view.domain, query],
  );
  const onOpen = useCallback(
    (row: TableRow) => {
      if (onOpenRow) return onOpenRow(row);
      const ref = objectRefOf(row);
      if (ref) openObject(ref);
    },
    [openObject, onOpenRow],
  );
  const sample = data && data.total > 0 ? paged?.rowAt(0) : undefined;
  const sampleFields = sample ? Object.keys(sample).join(',') : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: derived columns follow the field names
  const columns = useMemo(() => {
    const own =
      !onOpenRow && view.columns.some((c) => c.id === 'name')
        ? [SELECT_COLUMN, ...view.columns]
        : view.columns;
    return view.deriveColumns ? [...own, ...derivedColumns(sample, view.columns)] : own;
    // A new alias (settingsVersion) renames the cluster cells: new columns render the rows again.
  }, [view, sampleFields, onOpenRow, selection.settingsVersion]);
  const shown = shownColumns(columns, state.columnOrder, state.hiddenColumns);

  const refreshNow = () => {
    if (!query) return;
    setRefreshError(null);
    // Re-sync only these scopes' clusters (a fresh list), then fetch the rows again.
    const body: RefreshRequest = { scopes: [...query.scopes] };
    postJson(`/api/v1/refresh/${encodeURIComponent(view.domain)}`, body).then(
      () => paged?.refresh(),
      (thrown: unknown) => setRefreshError(toContractError(thrown)),
    );
  };

  const filtered =
    state.q !== '' ||
    state.labelSelector !== '' ||
    state.namespaces.length > 0 ||
    state.kinds.length > 0;
  const noun = view.title.toLowerCase();
  let body: ReactNode;
  if (selection.selectedIds.length === 0) {
    body = <EmptyState>Select one or more clusters in the header to see their {noun}.</EmptyState>;
  } else if (!data || data.status === 'loading') {
    body = <LoadingState>Loading {noun}…</LoadingState>;
  } else if (data.status === 'failed' && data.error) {
    body = (
      <ErrorState
        title={`${view.title} could not be loaded.`}
        error={data.error}
        onRetry={() => paged?.refresh()}
      />
    );
  } else if (data.total === 0) {
    body = (
      <EmptyState>
        {filtered ? `No ${noun} match the filters.` : `No ${noun} in the selected clusters.`}
      </EmptyState>
    );
  } else {
    body = (
      <GridTable
        label={view.title}
        columns={columns}
        layout={state}
        onLayoutChange={update}
        rowCount={data.total}
        rowAt={rowAt}
        revision={data.revision}
        onRangeChange={onRangeChange}
        onOpen={onOpen}
        openKey={openKey}
        onActiveRow={setActiveRow}
      />
    );
  }

  return (
    <section className="view" aria-label={view.title} data-view={view.id}>
      <header className="view__header">
        <h2>{view.title}</h2>
        {data && data.status !== 'loading' && (
          <span className="view__count" data-testid="row-count">
            {data.total} {data.total === 1 ? 'row' : 'rows'}
          </span>
        )}
        <StreamBadge />
        <button type="button" className="link-button" onClick={refreshNow} disabled={!query}>
          Refresh
        </button>
      </header>
      <FilterBar
        state={state}
        onChange={update}
        onReset={reset}
        clusters={selection.selected}
        namespaceChoices={view.clusterScoped ? undefined : distinctNamespaceNames(namespaceListing)}
        kindChoices={view.kinds && kindChoices(view.kinds, state.kinds, paged, data?.total ?? 0)}
        columns={columns}
        labels={view.labels}
      />
      <TableTools
        name={view.id}
        activeRow={activeRow}
        contextOf={contextOf}
        shownColumns={shown}
        fetchPage={fetchPage}
        disabled={!data || data.total === 0}
      />
      {lastParts.current && <ClusterStatusChips parts={lastParts.current} />}
      {view.domain === 'cluster-overview' && data && data.total > 0 && (
        <FleetTotals rows={Array.from({ length: data.total }, (_, i) => paged?.rowAt(i))} />
      )}
      {data?.status === 'ready' && data.error && (
        <p className="banner" role="alert">
          Showing the last rows: {data.error.message}
        </p>
      )}
      {refreshError && (
        <p className="banner" role="alert">
          Refresh failed: {refreshError.message}
        </p>
      )}
      <BulkBar />
      <div className="view__body">{body}</div>
    </section>
  );
}

/** The view's kinds, the chosen ones and the kinds seen in the first rows, each once. */
function kindChoices(
  base: readonly string[],
  chosen: readonly string[],
  paged: { rowAt: (index: number) => SnapshotItem | undefined } | null,
  total: number,
): string[] {
  const kinds = new Set([...base, ...chosen]);
  for (let index = 0; index < Math.min(total, 200); index += 1) {
    const row = paged?.rowAt(index);
    if (row && 'kind' in row && row.kind) kinds.add(row.kind);
  }
  return [...kinds];
}
