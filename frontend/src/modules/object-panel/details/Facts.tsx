/** Building blocks of the panels' views (Details, Events, drain results, Helm revisions): a
 * titled section, a fact list, a table. */
import type { ReactNode } from 'react';

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="object-details__section">
      <div className="object-panel__section-title">{title}</div>
      {children}
    </section>
  );
}

/** Label → value pairs; empty values show as "—" so a missing fact is visible, not hidden. With
 * a `title`, they are a section of their own. */
export function FactList({ title, facts }: { title?: string; facts: [string, ReactNode][] }) {
  const list = (
    <dl className="object-panel__facts">
      {facts.map(([label, value]) => (
        <div key={label} className="object-panel__fact">
          <dt>{label}</dt>
          <dd>{value === '' || value === null || value === undefined ? '—' : value}</dd>
        </div>
      ))}
    </dl>
  );
  return title ? <Section title={title}>{list}</Section> : list;
}

/** A titled section with a table of rows (`children`, notes, come first); `columns` are the
 * headers, each row one cell per column. In a narrow panel a wide table (many columns) shows each
 * row as a card of `column: value` lines instead. */
export function FactTable({
  title,
  columns,
  rows,
  children,
}: {
  title: string;
  columns: string[];
  rows: { key: string; cells: ReactNode[] }[];
  children?: ReactNode;
}) {
  return (
    <Section title={title}>
      {children}
      {rows.length === 0 ? (
        <p className="muted">None</p>
      ) : (
        <div className="object-details__table-wrap">
          <table
            className={`object-details__table${columns.length > 4 ? ' object-details__table--wide' : ''}`}
            aria-label={title}
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
                      <div>{cell === '' || cell === null ? '—' : cell}</div>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
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
