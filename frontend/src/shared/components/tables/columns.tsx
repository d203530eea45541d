/**
 * Shared column factories. Every aggregated table starts with `clusterColumn()`, so each row says
 * which cluster it belongs to; the others read one row field tolerantly.
 */
import { clusterColour } from '../../clusterColours';
import { clusterLabel } from '../../clusterLabel';
import { ProtectionMark } from '../ProtectionMark';
import type { GridColumn, TableRow } from './gridColumn';
import { age, displayText, fieldOf, IDENTITY_FIELDS, numberField, stringField } from './rowFields';

/** The cluster's alias, else its context name (an ARN by its resource part); stale rows say so. */
export function clusterColumn(): GridColumn {
  return {
    id: 'clusterName',
    header: 'Cluster',
    sortField: 'clusterName',
    width: 160,
    text: (row) => clusterLabel(stringField(row, 'clusterId'), stringField(row, 'clusterName')),
    render: (row) => (
      <span
        className="cluster-cell"
        title={`${stringField(row, 'clusterName')}\n${stringField(row, 'clusterId')}`}
      >
        <span
          className="cluster-cell__swatch"
          style={{ background: clusterColour(stringField(row, 'clusterId')) }}
        />
        {clusterLabel(stringField(row, 'clusterId'), stringField(row, 'clusterName'))}
        <ProtectionMark clusterId={stringField(row, 'clusterId')} />
        {fieldOf(row, 'stale') === true && (
          <span className="stale-mark" title="Last good data: this cluster is failing now">
            stale
          </span>
        )}
      </span>
    ),
  };
}

/** A column of one row field, sorted by the server on that field. */
const fieldColumn = (field: string, header: string, width: number) => ({
  id: field,
  header,
  width,
  sortField: field,
});

export function textColumn(
  field: string,
  header: string,
  width = 160,
  options: { sortable?: boolean } = {},
): GridColumn {
  return {
    ...fieldColumn(field, header, width),
    ...(options.sortable === false ? { sortField: undefined } : {}),
    text: (row) => displayText(fieldOf(row, field)),
  };
}

/** A text column reading the first of `fields` that a row has (fields renamed between versions). */
export function firstFieldColumn(
  id: string,
  header: string,
  fields: readonly string[],
  width = 120,
): GridColumn {
  const field = (row: TableRow) =>
    fields.find((name) => fieldOf(row, name) !== undefined && fieldOf(row, name) !== null);
  return {
    id,
    header,
    width,
    sortField: fields[0],
    text: (row) => {
      const name = field(row);
      return name ? displayText(fieldOf(row, name)) : '';
    },
  };
}

export function numberColumn(field: string, header: string, width = 90): GridColumn {
  return {
    ...fieldColumn(field, header, width),
    align: 'end',
    text: (row) => {
      const value = numberField(row, field);
      return value === null ? displayText(fieldOf(row, field)) : String(value);
    },
  };
}

/** Millicores as people read them: "250m", "1.5 cores"; null (no metrics) as "—". */
export function formatCpu(millicores: number | null): string {
  if (millicores === null) return '—';
  if (millicores >= 1000)
    return `${(millicores / 1000).toFixed(millicores >= 10000 ? 0 : 2)} cores`;
  if (millicores >= 10) return `${Math.round(millicores)}m`;
  return `${Number(millicores.toFixed(1))}m`;
}

/** Bytes in binary units: "64 Mi", "1.5 Gi"; null as "—". */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—';
  const units = ['B', 'Ki', 'Mi', 'Gi', 'Ti'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

const USAGE_HINT = 'No usage: the cluster has no metrics-server, or you may not read metrics';

/** A usage figure (contract §12), sorted by the server like any field; null reads "—". */
export function usageColumn(
  field: string,
  header: string,
  format: (value: number | null) => string,
  width = 90,
): GridColumn {
  return {
    ...fieldColumn(field, header, width),
    align: 'end',
    text: (row) => format(numberField(row, field)),
    render: (row) => {
      const value = numberField(row, field);
      return value === null ? (
        <span className="usage-missing" title={USAGE_HINT}>
          —
        </span>
      ) : (
        format(value)
      );
    },
  };
}

export function percentColumn(field: string, header: string, width = 80): GridColumn {
  return usageColumn(field, header, (value) => (value === null ? '—' : `${value}%`), width);
}

/** Age since a timestamp field; sorted by the timestamp itself. */
export function ageColumn(
  field = 'createdAt',
  header = 'Age',
  now: () => number = Date.now,
): GridColumn {
  return {
    ...fieldColumn(field, header, 80),
    align: 'end',
    text: (row) => age(stringField(row, field), now()),
    render: (row) => (
      <time dateTime={stringField(row, field)} title={stringField(row, field)}>
        {age(stringField(row, field), now())}
      </time>
    ),
  };
}

/** A status-like text with a tone for colouring (Running, Ready, Failed…). */
export function statusColumn(field: string, header: string, width = 120): GridColumn {
  return {
    ...fieldColumn(field, header, width),
    text: (row) => displayText(fieldOf(row, field)),
    render: (row) => (
      <span className="status-text" data-tone={textTone(displayText(fieldOf(row, field)))}>
        {displayText(fieldOf(row, field))}
      </span>
    ),
  };
}

/** Columns for the fields of `sample` that `known` does not cover (domains with open fields). */
export function derivedColumns(
  sample: TableRow | undefined,
  known: readonly GridColumn[],
): GridColumn[] {
  if (!sample) return [];
  const taken = new Set(known.map((column) => column.id));
  return Object.keys(sample)
    .filter(
      (field) => !IDENTITY_FIELDS.has(field) && !DERIVED_SKIPPED.has(field) && !taken.has(field),
    )
    .map((field) =>
      field === 'createdAt' || field === 'timestamp'
        ? ageColumn(field, field === 'createdAt' ? 'Age' : 'Last seen')
        : textColumn(field, headerOf(field)),
    );
}

/** Fields every object row has that say nothing in a derived column (API group/version, labels). */
const DERIVED_SKIPPED: ReadonlySet<string> = new Set([
  'group',
  'version',
  'labels',
  'annotations',
  'selector',
]);

/** `clusterIP` → "Cluster IP", `upToDate` → "Up to date". */
export function headerOf(field: string): string {
  const words = field
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(' ');
  return words
    .map((word, index) =>
      /^[A-Z0-9]+$/.test(word)
        ? word
        : index === 0
          ? word.charAt(0).toUpperCase() + word.slice(1)
          : word.toLowerCase(),
    )
    .join(' ');
}

const GOOD = /^(running|ready|active|bound|succeeded|completed|true|normal|available)$/i;
const BAD =
  /^(failed|error|crashloopbackoff|notready|lost|false|unknown|evicted|warning|imagepullbackoff|errimagepull)$/i;

export function textTone(text: string): 'ok' | 'bad' | 'warn' | 'unknown' {
  if (GOOD.test(text)) return 'ok';
  if (BAD.test(text)) return 'bad';
  if (/^(pending|terminating|containercreating|schedulingdisabled)/i.test(text)) return 'warn';
  return 'unknown';
}
