import type { ReactNode } from 'react';
import type { KubeEvent, SnapshotItem } from '../../../core/types.generated';

/** What a GridTable shows: snapshot rows, or the events of the live stream. */
export type TableRow = SnapshotItem | KubeEvent;

/** One column of a GridTable: how to read, show and (server-side) sort it. */
export interface GridColumn {
  id: string;
  header: string;
  /** The `sort` parameter the server understands for this column; undefined: not sortable. */
  sortField?: string;
  /** Width in pixels. */
  width: number;
  /** The cell as text (the cell's tooltip, and its content unless `render` is given). */
  text: (row: TableRow) => string;
  render?: (row: TableRow) => ReactNode;
  align?: 'start' | 'end';
  /** False for columns that hold controls, not data (left out of CSV exports). */
  exported?: boolean;
}

export interface GridSort {
  field: string;
  order: 'asc' | 'desc';
}
