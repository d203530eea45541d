/** A coloured dot for a cluster (or source) status; the colour comes from `data-tone`. */

export type StatusTone = 'ok' | 'busy' | 'warn' | 'bad' | 'unknown';

/** Status names of snapshots, diagnostics and connections, mapped to one of five tones. */
export function statusTone(status: string | undefined): StatusTone {
  switch (status) {
    case 'ready':
    case 'started':
      return 'ok';
    case 'loading':
    case 'checking':
    case 'reconnecting':
      return 'busy';
    case 'stale':
    case 'forbidden':
    case 'degraded':
    case 'rate_limited':
      return 'warn';
    case 'unreachable':
    case 'timeout':
    case 'error':
    case 'auth_failed':
    case 'not_found':
    case 'stopped':
      return 'bad';
    default:
      return 'unknown';
  }
}

export function StatusDot({
  status,
  message,
}: {
  status: string | undefined;
  message?: string | null;
}) {
  const label = status ?? 'unknown';
  return (
    <span
      className="status-dot"
      role="img"
      data-tone={statusTone(status)}
      data-status={label}
      aria-label={`status: ${label}`}
      title={message ? `${label}: ${message}` : label}
    />
  );
}
