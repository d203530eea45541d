/**
 * Tolerant readers of table rows by field name: a view's columns name fields that rows of other
 * kinds lack, so a field that is missing or of an unexpected type reads as empty, never as an
 * exception.
 */
import type { TableRow } from './gridColumn';

/** The row's field `name`, or undefined when its kind has none. */
export function fieldOf(row: TableRow, name: string): unknown {
  return Object.hasOwn(row, name) ? Reflect.get(row, name) : undefined;
}

export function stringField(row: TableRow, name: string): string {
  const value = fieldOf(row, name);
  return typeof value === 'string' ? value : '';
}

export function numberField(row: TableRow, name: string): number | null {
  const value = fieldOf(row, name);
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return null;
}

/** Any field value as one line of text: lists joined, object references as `Kind/name`. */
export function displayText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map(displayText).filter(Boolean).join(', ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.kind === 'string' && typeof record.name === 'string') {
      return `${record.kind}/${record.name}`;
    }
    if ('port' in record) {
      const protocol = typeof record.protocol === 'string' ? `/${record.protocol}` : '';
      return `${displayText(record.port)}${protocol}`;
    }
    // Maps such as labels or pod phases: `key=value, …`.
    return Object.entries(record)
      .map(([key, item]) => `${key}=${displayText(item)}`)
      .join(', ');
  }
  return String(value);
}

/** "12s", "5m", "3h", "4d" since an RFC 3339 time; '' when the time cannot be read. */
export function age(timestamp: string, now: number): string {
  const time = Date.parse(timestamp);
  if (!timestamp || Number.isNaN(time)) return '';
  const seconds = Math.max(0, Math.floor((now - time) / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

/** Row identity fields that never get a column of their own. */
export const IDENTITY_FIELDS: ReadonlySet<string> = new Set([
  'clusterId',
  'clusterName',
  'stale',
  'uid',
]);

/** A row's identity across clusters: `clusterId|uid` (or kind/namespace/name without a uid). */
export function rowKeyOf(row: TableRow): string {
  const cluster = stringField(row, 'clusterId');
  const uid = stringField(row, 'uid');
  if (uid) return `${cluster}|${uid}`;
  return [
    cluster,
    stringField(row, 'kind'),
    stringField(row, 'namespace'),
    stringField(row, 'name'),
  ].join('|');
}
