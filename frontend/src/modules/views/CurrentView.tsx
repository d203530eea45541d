import { EventsView } from '../events/EventsView';
import { LogsView } from '../logs/LogsView';
import { SnapshotTableView } from './SnapshotTableView';
import { DEFAULT_VIEW_ID, viewById } from './viewDefinitions';

export function CurrentView({ viewId }: { viewId: string }) {
  const view = viewById(viewId) ?? viewById(DEFAULT_VIEW_ID);
  if (!view) return null;
  if (view.type === 'table') return <SnapshotTableView key={view.id} view={view} />;
  return view.type === 'events' ? <EventsView /> : <LogsView />;
}
