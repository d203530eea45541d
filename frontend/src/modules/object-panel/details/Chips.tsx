/**
 * Labels and annotations as `key=value` chips. A long value (an annotation holding JSON) is folded
 * to its first characters; clicking the chip unfolds it.
 */
import { useState } from 'react';

const FOLD_AT = 60;

export function Chips({ label, values }: { label: string; values: Record<string, string> }) {
  const entries = Object.entries(values).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <p className="muted">None</p>;
  return (
    <ul className="chips" aria-label={label}>
      {entries.map(([key, value]) => (
        <Chip key={key} name={key} value={value} />
      ))}
    </ul>
  );
}

function Chip({ name, value }: { name: string; value: string }) {
  const [open, setOpen] = useState(false);
  const long = value.length > FOLD_AT;
  return (
    <li className="chip" data-open={open || undefined}>
      <span className="chip__key">{name}</span>
      {value !== '' && <span className="chip__sep">=</span>}
      <span className="chip__value">{long && !open ? `${value.slice(0, FOLD_AT)}…` : value}</span>
      {long && (
        <button
          type="button"
          className="link-button chip__fold"
          aria-expanded={open}
          aria-label={`${open ? 'Fold' : 'Unfold'} ${name}`}
          onClick={() => setOpen(!open)}
        >
          {open ? 'less' : `+${value.length - FOLD_AT}`}
        </button>
      )}
    </li>
  );
}
