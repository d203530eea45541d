/** The Events tab: the events about one object, newest first. */
import type { ObjectRef } from '../../core/types.generated';
import { EmptyState, ErrorState, LoadingState } from '../../shared/components/States';
import { FactTable } from './details/Facts';
import { fieldText } from './fieldText';
import { useObjectSnapshot } from './useObjectSnapshot';

export function EventsTab({ objectRef, reloads }: { objectRef: ObjectRef; reloads: number }) {
  const state = useObjectSnapshot('object-events', objectRef, reloads);
  if (state.status === 'loading') return <LoadingState>Loading events…</LoadingState>;
  if (state.status === 'failed') {
    return <ErrorState title="The events could not be loaded." error={state.error} />;
  }
  const events = state.value;
  if (events.length === 0) return <EmptyState>No events about this object.</EmptyState>;
  return (
    <FactTable
      title="Events"
      columns={['Time', 'Type', 'Reason', 'Message']}
      rows={events.map((event) => ({
        key: fieldText(event.uid),
        cells: [event.timestamp, event.type, event.reason, event.message].map(fieldText),
      }))}
    />
  );
}
