import { useStreamState } from '../../core/refresh/hooks';

/** Whether the tables update live (catalog stream open) or by polling (stream down). */
export function StreamBadge() {
  const state = useStreamState();
  const label = state === 'open' ? 'live' : state === 'connecting' ? 'connecting…' : 'polling';
  return (
    <span
      className="stream-badge"
      data-state={state}
      title={
        state === 'open'
          ? 'Changes arrive through the catalog stream.'
          : 'The catalog stream is down: tables are polled until it is back.'
      }
    >
      {label}
    </span>
  );
}
