/**
 * The sidebar's namespaces. With several clusters selected: one collapsible list per cluster,
 * headed by its name; with one: a flat list. Choosing a namespace is per cluster — it narrows
 * that cluster's rows only (nothing chosen: all namespaces).
 */
import { Fragment, useState } from 'react';
import { type ClusterState, clusterStateLabel, shownState } from '../../core/refresh/clusterStatus';
import { useClusterHealth } from '../../core/refresh/hooks';
import { clusterLabel } from '../../shared/clusterLabel';
import { EmptyState, ErrorState, LoadingState } from '../../shared/components/States';
import { StatusDot } from '../../shared/components/StatusDot';
import {
  type SelectedCluster,
  useClusterSelection,
} from '../kubernetes/config/ClusterSelectionProvider';
import { useNamespaceListing } from './NamespaceListingProvider';
import { useNamespaceSelection } from './NamespaceSelectionProvider';

export function NamespaceSidebar() {
  const selection = useClusterSelection();
  const listing = useNamespaceListing();
  const health = useClusterHealth();
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());

  if (selection.selected.length === 0) {
    return <EmptyState>No cluster selected.</EmptyState>;
  }
  if (listing.status === 'loading' || listing.status === 'idle') {
    return <LoadingState>Loading namespaces…</LoadingState>;
  }
  if (listing.status === 'failed') {
    return <ErrorState title="Namespaces could not be loaded." error={listing.error} />;
  }
  const { snapshot } = listing;
  const namesOf = (clusterId: string) =>
    snapshot.items
      .filter((item) => item.clusterId === clusterId && typeof item.name === 'string')
      .map((item) => item.name as string);
  const stateOf = (clusterId: string) =>
    shownState(
      snapshot.clusters.find((part) => part.clusterId === clusterId),
      health.get(clusterId),
    );

  const toggleCollapsed = (clusterId: string) =>
    setCollapsed((previous) => {
      const next = new Set(previous);
      if (!next.delete(clusterId)) next.add(clusterId);
      return next;
    });

  return (
    <section className="namespace-sidebar" aria-label="Namespaces">
      <h3 className="sidebar__heading">Namespaces</h3>
      {selection.selected.map((cluster) => {
        const state = stateOf(cluster.clusterId);
        const list = (
          <NamespaceList cluster={cluster} names={namesOf(cluster.clusterId)} state={state} />
        );
        // One cluster: a flat list.
        if (selection.selected.length === 1)
          return <Fragment key={cluster.clusterId}>{list}</Fragment>;
        const open = !collapsed.has(cluster.clusterId);
        const listId = `namespaces-${cluster.clusterId}`;
        return (
          <section
            key={cluster.clusterId}
            className="namespace-sidebar__cluster"
            aria-label={`Namespaces of ${cluster.clusterName}`}
            data-cluster-id={cluster.clusterId}
          >
            <h4 className="namespace-sidebar__cluster-heading">
              <button
                type="button"
                aria-expanded={open}
                aria-controls={listId}
                onClick={() => toggleCollapsed(cluster.clusterId)}
                title={`${cluster.clusterName}\n${cluster.clusterId}`}
              >
                <span aria-hidden="true">{open ? '▾' : '▸'}</span>
                {clusterLabel(cluster.clusterId, cluster.clusterName)}
              </button>
              <StatusDot status={state?.status} message={state?.message} />
            </h4>
            {open && <div id={listId}>{list}</div>}
          </section>
        );
      })}
    </section>
  );
}

function NamespaceList({
  cluster,
  names,
  state,
}: {
  cluster: SelectedCluster;
  names: readonly string[];
  state: ClusterState | undefined;
}) {
  const choice = useNamespaceSelection();
  const chosen = choice.namespacesOf(cluster.clusterId);
  return (
    <>
      {state && state.status !== 'ready' && (
        <p
          className="namespace-sidebar__status"
          title={state.message ?? undefined}
          data-status={state.status}
          data-testid="namespace-cluster-status"
        >
          {clusterStateLabel(state)}
          {state.message ? `: ${state.message}` : ''}
        </p>
      )}
      <ul className="namespace-list" aria-label={`${cluster.clusterName} namespaces`}>
        <li>
          <button
            type="button"
            className="namespace-list__item"
            aria-pressed={chosen.length === 0}
            onClick={() => choice.clear(cluster.clusterId)}
          >
            All namespaces
          </button>
        </li>
        {names.map((name) => (
          <li key={name}>
            <button
              type="button"
              className="namespace-list__item"
              aria-pressed={chosen.includes(name)}
              onClick={() => choice.toggle(cluster.clusterId, name)}
            >
              {name}
            </button>
          </li>
        ))}
      </ul>
      {names.length === 0 && state?.status === 'ready' && <EmptyState>No namespaces.</EmptyState>}
    </>
  );
}
