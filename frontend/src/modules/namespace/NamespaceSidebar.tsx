/**
 * The sidebar's namespaces. With several clusters selected: one collapsible list per cluster,
 * headed by its name; with one: a flat list. Choosing a namespace is per cluster — it narrows
 * that cluster's rows only (nothing chosen: all namespaces).
 */
import { useState } from 'react';
import type { SnapshotClusterPart } from '../../core/types.generated';
import { EmptyState, ErrorState, LoadingState } from '../../shared/components/States';
import { StatusDot } from '../../shared/components/StatusDot';
import { partLabel } from '../../shared/components/tables/clusterSummary';
import {
  type SelectedCluster,
  useClusterSelection,
} from '../kubernetes/config/ClusterSelectionProvider';
import { useNamespaceListing } from './NamespaceListingProvider';
import { useNamespaceSelection } from './NamespaceSelectionProvider';

export function NamespaceSidebar() {
  const selection = useClusterSelection();
  const listing = useNamespaceListing();
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
  const partOf = (clusterId: string) =>
    snapshot.clusters.find((part) => part.clusterId === clusterId);

  if (selection.selected.length === 1) {
    const [only] = selection.selected;
    if (!only) return null;
    return (
      <section className="namespace-sidebar" aria-label="Namespaces">
        <h3 className="sidebar__heading">Namespaces</h3>
        <NamespaceList
          cluster={only}
          names={namesOf(only.clusterId)}
          part={partOf(only.clusterId)}
        />
      </section>
    );
  }

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
        const open = !collapsed.has(cluster.clusterId);
        const part = partOf(cluster.clusterId);
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
                title={cluster.clusterId}
              >
                <span aria-hidden="true">{open ? '▾' : '▸'}</span>
                {cluster.clusterName}
              </button>
              <StatusDot status={part?.status} message={part?.message} />
            </h4>
            {open && (
              <div id={listId}>
                <NamespaceList cluster={cluster} names={namesOf(cluster.clusterId)} part={part} />
              </div>
            )}
          </section>
        );
      })}
    </section>
  );
}

function NamespaceList({
  cluster,
  names,
  part,
}: {
  cluster: SelectedCluster;
  names: readonly string[];
  part: SnapshotClusterPart | undefined;
}) {
  const choice = useNamespaceSelection();
  const chosen = choice.namespacesOf(cluster.clusterId);
  return (
    <>
      {part && part.status !== 'ready' && (
        <p className="namespace-sidebar__status" title={part.message ?? undefined}>
          {partLabel(part)}
          {part.message ? `: ${part.message}` : ''}
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
      {names.length === 0 && part?.status === 'ready' && <EmptyState>No namespaces.</EmptyState>}
    </>
  );
}
