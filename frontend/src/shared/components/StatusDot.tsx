/** A coloured dot for a cluster (or source) status; the colour comes from `data-tone`. */

export type StatusTone = 'ok' | 'busy' | 'warn' | 'bad' | 'unknown';

const TONES: Record<Exclude<StatusTone, 'unknown'>, readonly string[]> = {
  ok: ['ready', 'started'],
  busy: ['loading', 'checking', 'reconnecting'],
  warn: ['stale', 'forbidden', 'degraded', 'rate_limited'],
  bad: ['unreachable', 'timeout', 'error', 'auth_failed', 'not_found', 'stopped'],
};

/** Status names of snapshots, diagnostics and connections, mapped to one of five tones. */
export function statusTone(status: string | undefined): StatusTone {
  const found = Object.entries(TONES).find(([, names]) => names.includes(status ?? ''));
  return (found?.[0] as StatusTone | undefined) ?? 'unknown';
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
