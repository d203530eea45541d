/**
 * The active cluster set (the plan's KubeconfigContext): the kubeconfig listing, the selected
 * clusterIds in the user's order, and the one way to change them — `set_selection` through the
 * bridge. A refused change (409 duplicate_context, 404 unknown_cluster) changes nothing and is
 * kept as `error` for the UI to show.
 */
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { callBridge } from '../../../core/bridge';
import { type ContractError, toContractError } from '../../../core/contractError';
import { parseClusterId } from '../../../core/refresh/clusterId';
import type { KubeconfigContext, KubeconfigListing } from '../../../core/types.generated';
import { assignClusterColours } from '../../../shared/clusterColours';
import { loadClusterSettings, useClusterSettingsVersion } from '../../../shared/clusterSettings';

export interface SelectedCluster {
  clusterId: string;
  clusterName: string;
}

export interface ClusterSelection {
  status: 'loading' | 'ready' | 'failed';
  listing: KubeconfigListing | null;
  /** In the order the user chose them, as the backend confirmed them. */
  selectedIds: readonly string[];
  /** What the picker shows: the selection on its way while set_selection runs, else selectedIds. */
  requestedIds: readonly string[];
  selected: readonly SelectedCluster[];
  /** A set_selection call is on its way. */
  pending: boolean;
  /** Why the listing could not be read or the last change was refused. */
  error: ContractError | null;
  select: (clusterIds: string[]) => Promise<boolean>;
  dismissError: () => void;
  /** Grows when the per-cluster settings were read again (modules/protection). */
  settingsVersion: number;
}

const SelectionContext = createContext<ClusterSelection | null>(null);

const EMPTY: readonly string[] = [];

export function ClusterSelectionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<ClusterSelection['status']>('loading');
  const [listing, setListing] = useState<KubeconfigListing | null>(null);
  const [selectedIds, setSelectedIds] = useState<readonly string[]>(EMPTY);
  const [pending, setPending] = useState(false);
  const [requested, setRequested] = useState<readonly string[] | null>(null);
  const [error, setError] = useState<ContractError | null>(null);

  useEffect(() => {
    let current = true;
    Promise.all([callBridge('list_kubeconfigs'), callBridge('get_selection')]).then(
      ([nextListing, selection]) => {
        if (!current) return;
        setListing(nextListing);
        setSelectedIds(selection.selectedClusterIds);
        setStatus('ready');
      },
      (thrown: unknown) => {
        if (!current) return;
        setError(toContractError(thrown));
        setStatus((previous) => (previous === 'ready' ? previous : 'failed'));
      },
    );
    return () => {
      current = false;
    };
  }, []);

  const select = useCallback(async (clusterIds: string[]) => {
    setPending(true);
    setRequested(clusterIds);
    try {
      const selection = await callBridge('set_selection', clusterIds);
      setSelectedIds(selection.selectedClusterIds);
      setError(null);
      // The listing's `selected`/`disabled` flags follow the selection.
      setListing(await callBridge('list_kubeconfigs'));
      return true;
    } catch (thrown) {
      setError(toContractError(thrown));
      return false;
    } finally {
      setPending(false);
      setRequested(null);
    }
  }, []);

  const dismissError = useCallback(() => setError(null), []);

  // Distinct colours for the selected clusters, before anything renders their rows.
  useMemo(() => assignClusterColours(selectedIds), [selectedIds]);
  // Per-cluster settings (colour, protection): read again when the selection changes; a change
  // of them re-renders everything below, so every row, panel and terminal shows the new band.
  const settingsVersion = useClusterSettingsVersion();
  useEffect(() => {
    if (selectedIds.length > 0) loadClusterSettings().catch(() => undefined);
  }, [selectedIds]);

  const selected = useMemo(() => {
    const byId = new Map<string, KubeconfigContext>(
      (listing?.contexts ?? []).map((context) => [context.clusterId, context]),
    );
    return selectedIds.map((clusterId) => ({
      clusterId,
      clusterName: byId.get(clusterId)?.clusterName ?? nameFromId(clusterId),
    }));
  }, [listing, selectedIds]);

  const requestedIds = requested ?? selectedIds;
  const value = useMemo<ClusterSelection>(
    () => ({
      status,
      listing,
      selectedIds,
      requestedIds,
      selected,
      pending,
      error,
      select,
      dismissError,
      settingsVersion,
    }),
    [
      settingsVersion,
      status,
      listing,
      selectedIds,
      requestedIds,
      selected,
      pending,
      error,
      select,
      dismissError,
    ],
  );
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

export function useClusterSelection(): ClusterSelection {
  const selection = useContext(SelectionContext);
  if (!selection)
    throw new Error('useClusterSelection needs a <ClusterSelectionProvider> above it.');
  return selection;
}

/** The context of a clusterId, for a selected id the listing does not (or no longer) show. */
function nameFromId(clusterId: string): string {
  try {
    return parseClusterId(clusterId).context;
  } catch {
    return clusterId;
  }
}
