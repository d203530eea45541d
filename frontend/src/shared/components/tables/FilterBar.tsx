/**
 * The filter bar of an aggregated table: text, Clusters (clusterIds; none = every selected
 * cluster), Namespaces and Kinds (where the view has them), Columns, and a reset. Text is sent
 * to the server after a short pause in typing.
 */
import { useEffect, useState } from 'react';
import { MultiSelect, type MultiSelectOption } from '../MultiSelect';
import type { GridColumn } from './gridColumn';
import type { GridViewState } from './gridState';

export const TEXT_FILTER_DELAY_MS = 250;

export interface FilterBarProps {
  state: GridViewState;
  onChange: (change: Partial<GridViewState>) => void;
  onReset: () => void;
  clusterOptions: readonly MultiSelectOption[];
  namespaceOptions?: readonly MultiSelectOption[];
  kindOptions?: readonly MultiSelectOption[];
  columns: readonly GridColumn[];
}

export function FilterBar({
  state,
  onChange,
  onReset,
  clusterOptions,
  namespaceOptions,
  kindOptions,
  columns,
}: FilterBarProps) {
  const [text, setText] = useState(state.q);
  const [lastQ, setLastQ] = useState(state.q);
  if (state.q !== lastQ) {
    // The query changed from outside (reset): show it.
    setLastQ(state.q);
    setText(state.q);
  }
  useEffect(() => {
    if (text === state.q) return;
    const timer = setTimeout(() => onChange({ q: text }), TEXT_FILTER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, state.q, onChange]);

  const filtered =
    state.q !== '' || state.clusters.length + state.namespaces.length + state.kinds.length > 0;
  const columnOptions = columns.map((column) => ({ value: column.id, label: column.header }));
  const shownColumns = columns
    .filter((column) => !state.hiddenColumns.includes(column.id))
    .map((column) => column.id);

  return (
    <search className="filter-bar">
      <input
        type="search"
        className="filter-bar__text"
        aria-label="Filter"
        placeholder="Filter…"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <MultiSelect
        label="Clusters"
        allLabel="All clusters"
        options={clusterOptions}
        chosen={state.clusters}
        onChange={(clusters) => onChange({ clusters })}
      />
      {namespaceOptions && (
        <MultiSelect
          label="Namespaces"
          allLabel="All namespaces"
          options={namespaceOptions}
          chosen={state.namespaces}
          onChange={(namespaces) => onChange({ namespaces })}
        />
      )}
      {kindOptions && (
        <MultiSelect
          label="Kinds"
          allLabel="All kinds"
          options={kindOptions}
          chosen={state.kinds}
          onChange={(kinds) => onChange({ kinds })}
        />
      )}
      <MultiSelect
        label="Columns"
        allLabel="Default columns"
        options={columnOptions}
        chosen={shownColumns.length === columns.length ? [] : shownColumns}
        onChange={(shown) =>
          onChange({
            hiddenColumns:
              shown.length === 0
                ? []
                : columns.filter((column) => !shown.includes(column.id)).map((column) => column.id),
          })
        }
      />
      {filtered && (
        <button type="button" className="link-button" onClick={onReset}>
          Clear filters
        </button>
      )}
    </search>
  );
}
