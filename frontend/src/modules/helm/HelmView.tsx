/**
 * The Helm view: the releases of every chosen cluster in the shared table (Cluster column,
 * Clusters filter, namespaces as everywhere), and the release panel of the row opened.
 */
import { useState } from 'react';
import { SnapshotTableView } from '../views/SnapshotTableView';
import type { TableViewDefinition } from '../views/viewDefinitions';
import { HelmReleasePanel } from './HelmReleasePanel';
import { type ReleaseKey, releaseKeyOf, releaseKeyText } from './helmApi';

export function HelmView({ view }: { view: TableViewDefinition }) {
  const [open, setOpen] = useState<ReleaseKey | null>(null);
  return (
    <div className="helm-view" data-release-open={open ? 'true' : undefined}>
      <SnapshotTableView view={view} onOpenRow={(row) => setOpen(releaseKeyOf(row))} />
      {open && (
        <HelmReleasePanel key={releaseKeyText(open)} release={open} onClose={() => setOpen(null)} />
      )}
    </div>
  );
}
