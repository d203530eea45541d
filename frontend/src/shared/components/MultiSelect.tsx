/**
 * A button that opens a checklist: the filter bar's Clusters, Namespaces, Kinds and Columns.
 * Nothing ticked means "all" (the button says so); long lists get a search box.
 */
import { useState } from 'react';
import { toggled } from '../toggled';
import { Dropdown } from './Dropdown';

export interface MultiSelectOption {
  value: string;
  label: string;
  /** Extra text for the tooltip (e.g. the clusterId behind a cluster name). */
  detail?: string;
}

const SEARCH_FROM = 8;

export function MultiSelect({
  label,
  options,
  chosen,
  onChange,
  allLabel = 'All',
}: {
  label: string;
  options: readonly MultiSelectOption[];
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
  allLabel?: string;
}) {
  const [search, setSearch] = useState('');
  const chosenOptions = options.filter((option) => chosen.includes(option.value));
  const summary =
    chosenOptions.length === 0
      ? allLabel
      : chosenOptions.length === 1
        ? (chosenOptions[0]?.label ?? allLabel)
        : `${chosenOptions.length} chosen`;
  const needle = search.trim().toLowerCase();
  const shown = needle
    ? options.filter((option) => option.label.toLowerCase().includes(needle))
    : options;

  return (
    <Dropdown label={label} summary={summary} active={chosenOptions.length > 0}>
      {options.length >= SEARCH_FROM && (
        <input
          type="search"
          aria-label={`Search ${label.toLowerCase()}`}
          placeholder="Search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
      )}
      {options.length === 0 && <p className="muted">Nothing to choose from yet.</p>}
      {shown.map((option) => (
        <label key={option.value} className="multi-select__option" title={option.detail}>
          <input
            type="checkbox"
            checked={chosen.includes(option.value)}
            onChange={(event) => onChange(toggled(chosen, option.value, event.target.checked))}
          />
          {option.label}
        </label>
      ))}
      {chosen.length > 0 && (
        <button type="button" className="link-button" onClick={() => onChange([])}>
          {allLabel}
        </button>
      )}
    </Dropdown>
  );
}
