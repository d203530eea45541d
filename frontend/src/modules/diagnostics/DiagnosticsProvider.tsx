/**
 * Polls `GET /api/v1/diagnostics` every DIAGNOSTICS_POLL_MS while clusters are selected, and at
 * once when the catalog stream pushes a cluster's health change; feeds the per-cluster statuses
 * to the status store (the selector's dots) and offers the report to the panel.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { type ContractError, toContractError } from '../../core/contractError';
import { requestJson } from '../../core/http';
import { useClusterHealth } from '../../core/refresh/hooks';
import { DIAGNOSTICS_POLL_MS } from '../../core/refresh/limits';
import { useRefreshServices } from '../../core/refresh/RefreshProvider';
import type { Diagnostics } from '../../core/types.generated';

export interface DiagnosticsState {
  report: Diagnostics | null;
  error: ContractError | null;
  loading: boolean;
  reload: () => void;
}

const DiagnosticsContext = createContext<DiagnosticsState>({
  report: null,
  error: null,
  loading: false,
  reload: () => {},
});

export function DiagnosticsProvider({
  clusterIds,
  children,
}: {
  /** The selected clusters; the report is fetched again when they change. */
  clusterIds: readonly string[];
  children: ReactNode;
}) {
  const { statuses } = useRefreshServices();
  const health = useClusterHealth();
  const [report, setReport] = useState<Diagnostics | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const clusterKey = clusterIds.join('\n');

  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch when the clusters, their pushed health or `generation` change
  useEffect(() => {
    let current = true;
    const load = () => {
      requestJson<Diagnostics>('/api/v1/diagnostics').then(
        (next) => {
          if (!current) return;
          setReport(next);
          setError(null);
          setLoading(false);
          statuses.reportDiagnostics(next.clusters);
        },
        (thrown: unknown) => {
          if (!current) return;
          setError(toContractError(thrown));
          setLoading(false);
        },
      );
    };
    load();
    const timer = setInterval(load, DIAGNOSTICS_POLL_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [statuses, clusterKey, generation, health]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return (
    <DiagnosticsContext.Provider value={{ report, error, loading, reload }}>
      {children}
    </DiagnosticsContext.Provider>
  );
}

export function useDiagnostics(): DiagnosticsState {
  return useContext(DiagnosticsContext);
}
