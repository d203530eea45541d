/**
 * Labels and annotations as `key=value` chips. A long value (an annotation holding JSON) is folded
 * to its first characters; clicking the chip unfolds it.
 */
import { useState } from 'react';
import { Section } from './Facts';

const FOLD_AT = 60;

/** A titled section of chips. */
export function Chips({ title, values }: { title: string; values: Record<string, string> }) {
  const entries = Object.entries(values).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Section title={title}>
      {entries.length === 0 ? (
        <p className="muted">None</p>
      ) : (
        <ul className="chips" aria-label={title}>
          {entries.map(([key, value]) => (
            <Chip key={key} name={key} value={value} />
          ))}
        </ul>
      )}
    </Section>
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
