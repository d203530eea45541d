import type { ReactNode } from 'react';
import type { SnapshotRow } from '../../../core/refresh/pagedSnapshot';

/** One column of a GridTable: how to read, show and (server-side) sort it. */
export interface GridColumn {
  id: string;
  header: string;
  /** The `sort` parameter the server understands for this column; undefined: not sortable. */
  sortField?: string;
  /** Width in pixels. */
  width: number;
  /** The cell as text (the cell's tooltip, and its content unless `render` is given). */
  text: (row: SnapshotRow) => string;
  render?: (row: SnapshotRow) => ReactNode;
  align?: 'start' | 'end';
}

export interface GridSort {
  field: string;
  order: 'asc' | 'desc';
}
