/**
 * The filter bar of an aggregated table: text, a label selector (where the rows keep labels),
 * Clusters (clusterIds; none = every selected cluster), Namespaces and Kinds (where the view has
 * them), Columns, and a reset. Text and selector go to the server after a short pause in typing.
 */
import { useEffect, useState } from 'react';
import { MultiSelect } from '../MultiSelect';
import { ColumnChooser } from './ColumnChooser';
import type { GridColumn } from './gridColumn';
import { DEFAULT_COLUMN_LAYOUT, type GridViewState } from './gridState';

export const TEXT_FILTER_DELAY_MS = 250;

const named = (name: string) => ({ value: name, label: name });

export interface FilterBarProps {
  state: GridViewState;
  onChange: (change: Partial<GridViewState>) => void;
  onReset: () => void;
  /** The selected clusters, the choices of the Clusters filter. */
  clusters: readonly { clusterId: string; clusterName: string }[];
  /** Choices of the Namespaces and Kinds filters; undefined: the view has no such filter. */
  namespaceChoices?: readonly string[];
  kindChoices?: readonly string[];
  columns: readonly GridColumn[];
  /** The view's rows keep their labels: offer the label selector. */
  labels?: boolean;
}

export function FilterBar({
  state,
  onChange,
  onReset,
  clusters,
  namespaceChoices,
  kindChoices,
  columns,
  labels = false,
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
  const [selector, setSelector] = useState(state.labelSelector);
  const [lastSelector, setLastSelector] = useState(state.labelSelector);
  if (state.labelSelector !== lastSelector) {
    setLastSelector(state.labelSelector);
    setSelector(state.labelSelector);
  }
  useEffect(() => {
    if (selector === state.labelSelector) return;
    const timer = setTimeout(() => onChange({ labelSelector: selector }), TEXT_FILTER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [selector, state.labelSelector, onChange]);

  const filtered =
    state.q !== '' ||
    state.labelSelector !== '' ||
    state.clusters.length + state.namespaces.length + state.kinds.length > 0;
  const customised =
    state.hiddenColumns.length > 0 ||
    state.columnOrder.length > 0 ||
    Object.keys(state.columnWidths).length > 0;

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
      {labels && (
        <input
          type="search"
          className="filter-bar__labels"
          aria-label="Label selector"
          placeholder="Labels: app=web,tier!=db"
          spellCheck={false}
          value={selector}
          onChange={(event) => setSelector(event.target.value)}
        />
      )}
      <MultiSelect
        label="Clusters"
        allLabel="All clusters"
        options={clusters.map(({ clusterId, clusterName }) => ({
          value: clusterId,
          label: clusterName,
          detail: clusterId,
        }))}
        chosen={state.clusters}
        onChange={(clusters) => onChange({ clusters })}
      />
      {namespaceChoices && (
        <MultiSelect
          label="Namespaces"
          allLabel="All namespaces"
          options={namespaceChoices.map(named)}
          chosen={state.namespaces}
          onChange={(namespaces) => onChange({ namespaces })}
        />
      )}
      {kindChoices && (
        <MultiSelect
          label="Kinds"
          allLabel="All kinds"
          options={kindChoices.map(named)}
          chosen={state.kinds}
          onChange={(kinds) => onChange({ kinds })}
        />
      )}
      <ColumnChooser
        columns={columns}
        hidden={state.hiddenColumns}
        customised={customised}
        onHiddenChange={(hiddenColumns) => onChange({ hiddenColumns })}
        onReset={() => onChange(DEFAULT_COLUMN_LAYOUT)}
      />
      {filtered && (
        <button type="button" className="link-button" onClick={onReset}>
          Clear filters
        </button>
      )}
    </search>
  );
}
