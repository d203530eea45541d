/**
 * What leaves a table: its filtered rows (every page, fetched for the export) as CSV or JSON,
 * always with the cluster columns so rows of namesakes in two clusters stay apart, and the
 * `kubectl` command that shows one row's object from that row's own cluster context.
 */
import type { GridColumn, TableRow } from './gridColumn';
import { stringField } from './rowFields';

/** The largest page the server gives (backend/refresh/limits.py MAX_PAGE_LIMIT). */
export const EXPORT_PAGE_ROWS = 5000;

/** Cluster id and name first, then the shown columns (the cluster name column not twice). */
export function exportColumns(
  shown: readonly GridColumn[],
): { header: string; text: (row: TableRow) => string }[] {
  return [
    { header: 'Cluster ID', text: (row) => stringField(row, 'clusterId') },
    { header: 'Cluster', text: (row) => stringField(row, 'clusterName') },
    ...shown
      .filter(
        (column) =>
          column.exported !== false && column.id !== 'clusterName' && column.id !== 'clusterId',
      )
      .map((column) => ({ header: column.header, text: column.text })),
  ];
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly TableRow[], shown: readonly GridColumn[]): string {
  const columns = exportColumns(shown);
  const lines = [columns.map((column) => csvCell(column.header)).join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvCell(column.text(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Every field of every row as the server sent it (clusterId and clusterName included). */
export function toJson(rows: readonly TableRow[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** Fetch every page of a filtered list, one `EXPORT_PAGE_ROWS` page at a time. */
export async function fetchAllRows(
  fetchPage: (
    offset: number,
    limit: number,
  ) => Promise<{ items: readonly TableRow[]; total: number }>,
): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  for (;;) {
    const page = await fetchPage(rows.length, EXPORT_PAGE_ROWS);
    rows.push(...page.items);
    if (page.items.length === 0 || rows.length >= page.total) return rows;
  }
}

const SAFE = /^[A-Za-z0-9_./:=@%+-]+$/;

/** A word as a POSIX shell reads it back unchanged. */
export function shellWord(text: string): string {
  return SAFE.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Where a context comes from: its name, and its kubeconfig file unless it is the default one. */
export interface ContextSource {
  context: string;
  kubeconfig: string | null;
}

/** `kubectl [--kubeconfig f] --context c [-n ns] get kind[.group] name` for one row. */
export function kubectlCommand(row: TableRow, source: ContextSource): string {
  const kind = stringField(row, 'kind').toLowerCase();
  const group = stringField(row, 'group');
  const namespace = stringField(row, 'namespace');
  const words = ['kubectl'];
  if (source.kubeconfig) words.push('--kubeconfig', shellWord(source.kubeconfig));
  words.push('--context', shellWord(source.context));
  if (namespace) words.push('-n', shellWord(namespace));
  words.push(
    'get',
    shellWord(group ? `${kind}.${group}` : kind),
    shellWord(stringField(row, 'name')),
  );
  return words.join(' ');
}

/** Whether `path` is kubectl's own default (`~/.kube/config`), so `--kubeconfig` can be left out. */
export function isDefaultKubeconfig(path: string): boolean {
  return /(^|\/)\.kube\/config$/.test(path);
}

/** Offer `text` as a file download named `name`. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
