import { requestJson } from '../../core/http';
import type { Health } from '../../core/types.generated';

export function fetchHealth(): Promise<Health> {
  return requestJson<Health>('/api/v1/health');
}
