// generated — do not edit.
// Source: the pydantic models in backend/contract (EXPORTED_MODELS).
// Regenerate: `npm run gen:types` in frontend/, or `uv run python scripts/gen_types.py`.

/** What the last health probe of one selected cluster found. */
export interface ClusterConnection {
  clusterId: string;
  clusterName: string;
  server: string | null;
  status: 'checking' | 'ready' | 'unreachable' | 'auth_failed' | 'forbidden' | 'timeout' | 'error';
  message: string | null;
  version: string | null;
  checkedAt: string | null;
  latencyMs: number | null;
}

/** The cluster service's part of the diagnostics: connections and recent notices. */
export interface ClusterDiagnostics {
  clusters: ClusterConnection[];
  notices: ClusterNotice[];
}

/** Something about kubeconfigs, selection or settings a person should be told. */
export interface ClusterNotice {
  code: string;
  message: string;
  at: string;
  clusterId: string | null;
  path: string | null;
}

export interface Health {
  status: string;
  version: string;
}

/** One context of one file, as the selector lists it. */
export interface KubeconfigContext {
  clusterId: string;
  clusterName: string;
  file: string;
  path: string;
  context: string;
  server: string | null;
  user: string | null;
  namespace: string | null;
  selected: boolean;
  disabled: boolean;
  disabledReason: string | null;
}

/** `list_kubeconfigs()`. */
export interface KubeconfigListing {
  sources: KubeconfigSource[];
  contexts: KubeconfigContext[];
}

/** A file that is (or is meant to be) a kubeconfig; `error` says why it gave no contexts. */
export interface KubeconfigSource {
  path: string;
  file: string;
  error: string | null;
  line: number | null;
}

/** `get_selection()` / `set_selection(cluster_ids)`: ids in the order the user chose. */
export interface Selection {
  selectedClusterIds: string[];
}
