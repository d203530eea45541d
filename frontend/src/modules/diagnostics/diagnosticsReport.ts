/**
 * `GET /api/v1/diagnostics` (CONTRACT §8), read tolerantly. The backend has no pydantic model for
 * this answer yet (so there is no generated type); this reader keeps what the panel shows and
 * skips what it cannot read, and goes away once the generated type exists.
 */

export interface PermissionIssueView {
  group: string;
  resource: string;
  verb: string;
  namespace: string;
  message: string;
}

export interface ClusterDiagnosticsView {
  clusterId: string;
  clusterName: string;
  status: string;
  message: string | null;
  lastSyncAt: string | null;
  apiLatencyMs: number | null;
  /** Watch entries as the server sends them (their fields vary by version). */
  watches: Record<string, unknown>[];
  permissionIssues: PermissionIssueView[];
  /** Every other field of the entry (auth details, counters…), shown as they come. */
  extra: Record<string, unknown>;
}

export interface DiagnosticsView {
  clusters: ClusterDiagnosticsView[];
  server: Record<string, unknown>;
}

const KNOWN = new Set([
  'clusterId',
  'clusterName',
  'status',
  'message',
  'lastSyncAt',
  'apiLatencyMs',
  'watches',
  'permissionIssues',
]);

export function readDiagnostics(body: unknown): DiagnosticsView {
  const record = asRecord(body);
  const clusters = Array.isArray(record.clusters) ? record.clusters : [];
  return {
    clusters: clusters
      .map(asRecord)
      .filter((entry) => typeof entry.clusterId === 'string')
      .map(readCluster),
    server: asRecord(record.server),
  };
}

function readCluster(entry: Record<string, unknown>): ClusterDiagnosticsView {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry)) if (!KNOWN.has(key)) extra[key] = value;
  return {
    clusterId: String(entry.clusterId),
    clusterName:
      typeof entry.clusterName === 'string' ? entry.clusterName : String(entry.clusterId),
    status: typeof entry.status === 'string' ? entry.status : 'unknown',
    message: typeof entry.message === 'string' ? entry.message : null,
    lastSyncAt: timeText(entry.lastSyncAt),
    apiLatencyMs: typeof entry.apiLatencyMs === 'number' ? entry.apiLatencyMs : null,
    watches: Array.isArray(entry.watches) ? entry.watches.map(asRecord) : [],
    permissionIssues: Array.isArray(entry.permissionIssues)
      ? entry.permissionIssues.map(asRecord).map((issue) => ({
          group: text(issue.group),
          resource: text(issue.resource),
          verb: text(issue.verb),
          namespace: text(issue.namespace),
          message: text(issue.message),
        }))
      : [],
    extra,
  };
}

/** An RFC 3339 string as it is; epoch seconds (a number) as RFC 3339. */
function timeText(value: unknown): string | null {
  if (typeof value === 'string' && value) return value;
  if (typeof value === 'number' && Number.isFinite(value))
    return new Date(value * 1000).toISOString();
  return null;
}

function text(value: unknown): string {
  return typeof value === 'string'
    ? value
    : value === null || value === undefined
      ? ''
      : String(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
