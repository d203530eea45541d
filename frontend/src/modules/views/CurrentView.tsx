import { lazy, Suspense } from 'react';
import { DriftView } from '../drift/DriftView';
import { EventsView } from '../events/EventsView';
import { LogsView } from '../logs/LogsView';
import { SnapshotTableView } from './SnapshotTableView';
import { DEFAULT_VIEW_ID, viewById } from './viewDefinitions';

/** Loaded on first use: it brings CodeMirror, which no other view needs yet. */
const HelmView = lazy(() => import('../helm/HelmView').then((m) => ({ default: m.HelmView })));

export function CurrentView({ viewId }: { viewId: string }) {
  const view = viewById(viewId) ?? viewById(DEFAULT_VIEW_ID);
  if (!view) return null;
  if (view.type === 'table' && view.opens === 'helm-release') {
    return (
      <Suspense fallback={null}>
        <HelmView key={view.id} view={view} />
      </Suspense>
    );
  }
  if (view.type === 'table') return <SnapshotTableView key={view.id} view={view} />;
  if (view.type === 'drift') return <DriftView />;
  return view.type === 'events' ? <EventsView /> : <LogsView />;
}
