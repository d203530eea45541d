/** Small building blocks of the Details tab: a titled section, a fact list, a table. */
import type { ReactNode } from 'react';

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="object-details__section">
      <div className="object-panel__section-title">{title}</div>
      {children}
    </section>
  );
}

/** Label → value pairs; empty values show as "—" so a missing fact is visible, not hidden. */
export function FactList({ facts }: { facts: [string, ReactNode][] }) {
  return (
    <dl className="object-panel__facts">
      {facts.map(([label, value]) => (
        <div key={label} className="object-panel__fact">
          <dt>{label}</dt>
          <dd>{value === '' || value === null || value === undefined ? '—' : value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A table of rows; `columns` are the headers, each row one cell per column. In a narrow panel a
 * wide table (many columns) shows each row as a card of `column: value` lines instead. */
export function FactTable({
  label,
  columns,
  rows,
}: {
  label: string;
  columns: string[];
  rows: { key: string; cells: ReactNode[] }[];
}) {
  if (rows.length === 0) return <p className="muted">None</p>;
  return (
    <div className="object-details__table-wrap">
      <table
        className={`object-details__table${columns.length > 4 ? ' object-details__table--wide' : ''}`}
        aria-label={label}
      >
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells of a fixed column order
                <td key={index} data-label={columns[index]}>
                  <div>{cell === '' ? '—' : cell}</div>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** `cpu: 100m, memory: 64Mi`, one per line. */
export function Resources({ values }: { values: Record<string, string> }) {
  const entries = Object.entries(values);
  if (entries.length === 0) return <>—</>;
  return (
    <>
      {entries.map(([name, value]) => (
        <div key={name} className="object-details__nowrap">
          {name} {value}
        </div>
      ))}
    </>
  );
}

export function Lines({ values }: { values: string[] }) {
  if (values.length === 0) return <>—</>;
  return (
    <>
      {values.map((value) => (
        <div key={value}>{value}</div>
      ))}
    </>
  );
}
