import { requestJson } from '../../core/http';
import type { Health } from '../../core/types.generated';
import { useLoad } from '../../shared/hooks/useLoad';

const fetchHealth = () => requestJson<Health>('/api/v1/health');

/** The backend's answer to `GET /api/v1/health`: its status and version, or why there is none. */
export function HealthStatus() {
  const health = useLoad(fetchHealth);
  return (
    <output className="health" aria-live="polite" data-state={health.status}>
      <span className="health__label">Backend</span>
      <span className="health__status" data-testid="health-status">
        {health.status === 'loading' && 'checking…'}
        {health.status === 'loaded' && health.value.status}
        {health.status === 'failed' && 'unavailable'}
      </span>
      {health.status === 'loaded' && (
        <span className="health__detail" data-testid="health-version">
          v{health.value.version}
        </span>
      )}
      {health.status === 'failed' && (
        <span className="health__detail" data-testid="health-error">
          {health.error.message}
        </span>
      )}
    </output>
  );
}
