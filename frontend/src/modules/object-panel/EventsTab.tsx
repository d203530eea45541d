/** The Events tab: the events about one object, newest first. */
import type { ObjectRef } from '../../core/types.generated';
import { EmptyState, ErrorState, LoadingState } from '../../shared/components/States';
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
    <table className="object-events" aria-label="Object events">
      <thead>
        <tr>
          <th>Time</th>
          <th>Type</th>
          <th>Reason</th>
          <th>Message</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={fieldText(event.uid)}>
            <td>{fieldText(event.timestamp)}</td>
            <td>{fieldText(event.type)}</td>
            <td>{fieldText(event.reason)}</td>
            <td>{fieldText(event.message)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
