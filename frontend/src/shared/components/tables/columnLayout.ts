/**
 * Where a table's columns go and how wide they are: the user's order and widths (remembered per
 * view), the defaults for the rest, and the spare width of the view handed to the text columns
 * the user did not size, so names are not cut while the screen has room.
 */
import type { GridColumn } from './gridColumn';

export const MIN_COLUMN_WIDTH = 48;
export const MAX_COLUMN_WIDTH = 1200;

/** The columns in the user's order; columns the order does not name keep their default place. */
export function orderColumns(
  columns: readonly GridColumn[],
  order: readonly string[],
): GridColumn[] {
  if (order.length === 0) return [...columns];
  const rank = new Map(order.map((id, index) => [id, index]));
  const known = columns.filter((column) => rank.has(column.id));
  known.sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
  // Unnamed columns (new ones) stay where their default position puts them.
  const result: GridColumn[] = [];
  let next = 0;
  for (const column of columns) {
    if (rank.has(column.id)) {
      const placed = known[next++];
      if (placed) result.push(placed);
    } else {
      result.push(column);
    }
  }
  return result;
}

/** The columns shown, in the user's order. */
export function shownColumns(
  columns: readonly GridColumn[],
  order: readonly string[],
  hidden: readonly string[],
): GridColumn[] {
  return orderColumns(columns, order).filter((column) => !hidden.includes(column.id));
}

/** The order after moving column `id` to where `before` is (or to the end when null). */
export function moveColumn(
  shownOrder: readonly string[],
  id: string,
  before: string | null,
): string[] {
  const rest = shownOrder.filter((item) => item !== id);
  const at = before === null ? rest.length : rest.indexOf(before);
  rest.splice(at < 0 ? rest.length : at, 0, id);
  return rest;
}

export function clampWidth(width: number): number {
  return Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width)));
}

/** How far a text column the user did not size may shrink so that the table fits a narrow view,
 * as a share of its default width (its text is then cut with an ellipsis). */
export const SHRINK_FLOOR = 0.85;

/**
 * Each shown column's width: the user's, else its default. When they add up to less than
 * `available`, the spare goes to the start-aligned (text) columns the user did not size, in
 * proportion to their default widths. When they add up to more, those columns give up width in
 * the same proportion, down to `SHRINK_FLOOR` of their default, if that makes the table fit;
 * else every column keeps its width and the table scrolls sideways (names stay whole).
 */
export function fitWidths(
  columns: readonly GridColumn[],
  userWidths: Readonly<Record<string, number>>,
  available: number,
): Record<string, number> {
  const widths: Record<string, number> = {};
  for (const column of columns) widths[column.id] = userWidths[column.id] ?? column.width;
  const used = Object.values(widths).reduce((sum, width) => sum + width, 0);
  const flexible = columns.filter(
    (column) => userWidths[column.id] === undefined && column.align !== 'end',
  );
  const spare = Math.floor(available - used);
  if (spare === 0 || flexible.length === 0) return widths;
  const room = (column: GridColumn) =>
    spare > 0 ? column.width : column.width - clampWidth(column.width * SHRINK_FLOOR);
  const base = flexible.reduce((sum, column) => sum + room(column), 0);
  if (spare < 0 && -spare > base) return widths; // cannot fit: scroll, with names whole
  let given = 0;
  flexible.forEach((column, index) => {
    const share =
      index === flexible.length - 1 ? spare - given : Math.trunc((spare * room(column)) / base);
    given += share;
    widths[column.id] = column.width + share;
  });
  return widths;
}
