/**
 * Tools over a table: copy the active row's name or the `kubectl` command that shows it from its
 * own cluster's context, and export every filtered row (all pages) as CSV or JSON.
 */
import { useState } from 'react';
import { toContractError } from '../../../core/contractError';
import type { GridColumn, TableRow } from './gridColumn';
import { stringField } from './rowFields';
import {
  type ContextSource,
  download,
  fetchAllRows,
  kubectlCommand,
  toCsv,
  toJson,
} from './tableExport';

export function TableTools({
  name,
  activeRow,
  contextOf,
  shownColumns,
  fetchPage,
  disabled,
}: {
  /** The file name's stem: `pods`. */
  name: string;
  activeRow: TableRow | undefined;
  /** Where the row's cluster context comes from, or null when it is not known. */
  contextOf: (clusterId: string) => ContextSource | null;
  /** The columns shown, in their order (CSV columns after the cluster's). */
  shownColumns: readonly GridColumn[];
  fetchPage: (
    offset: number,
    limit: number,
  ) => Promise<{ items: readonly TableRow[]; total: number }>;
  disabled: boolean;
}) {
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const source = activeRow ? contextOf(stringField(activeRow, 'clusterId')) : null;
  const rowName = activeRow ? stringField(activeRow, 'name') : '';

  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setNote(`Copied ${what}: ${text}`);
    } catch {
      setNote(`Could not copy to the clipboard. ${what}: ${text}`);
    }
  };

  const exportRows = async (format: 'csv' | 'json') => {
    setBusy(true);
    setNote(null);
    try {
      const rows = await fetchAllRows(fetchPage);
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      if (format === 'csv') {
        download(`${name}-${stamp}.csv`, toCsv(rows, shownColumns), 'text/csv');
      } else {
        download(`${name}-${stamp}.json`, toJson(rows), 'application/json');
      }
      setNote(
        `Exported ${rows.length} ${rows.length === 1 ? 'row' : 'rows'} as ${format.toUpperCase()}.`,
      );
    } catch (thrown) {
      setNote(`Export failed: ${toContractError(thrown).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="table-tools" role="toolbar" aria-label="Table tools">
      <button
        type="button"
        disabled={!activeRow}
        title={activeRow ? undefined : 'Click a row first.'}
        onClick={() => void copy(rowName, 'name')}
      >
        Copy name
      </button>
      <button
        type="button"
        disabled={!activeRow || !source}
        title={activeRow ? undefined : 'Click a row first.'}
        onClick={() =>
          activeRow && source && void copy(kubectlCommand(activeRow, source), 'command')
        }
      >
        Copy kubectl
      </button>
      <button type="button" disabled={disabled || busy} onClick={() => void exportRows('csv')}>
        Export CSV
      </button>
      <button type="button" disabled={disabled || busy} onClick={() => void exportRows('json')}>
        Export JSON
      </button>
      {note && (
        <span className="table-tools__note" role="status" data-testid="table-tools-note">
          {note}
        </span>
      )}
    </div>
  );
}
