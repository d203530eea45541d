/**
 * Where a person sets per-cluster rules: a clusterId or a context-name glob (`*prod*`), and for
 * the clusters it matches an alias, a colour and a protection. Saved as a whole
 * (`PUT /api/v1/cluster-settings`); the backend validates and enforces them.
 */
import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useState } from 'react';
import { type ContractError, toContractError } from '../../core/contractError';
import type { ClusterRule } from '../../core/types.generated';
import { loadClusterSettings, saveClusterRules } from '../../shared/clusterSettings';
import { ErrorState } from '../../shared/components/States';
import './protection.css';

type Draft = { match: string; alias: string; color: string; protection: string };

const TEXT_FIELDS = [
  ['match', 'Match'],
  ['alias', 'Alias'],
  ['color', 'Colour'],
] as const;

const blank: Draft = { match: '', alias: '', color: '', protection: '' };

function toRule(draft: Draft): ClusterRule {
  return {
    match: draft.match.trim(),
    alias: draft.alias.trim() || null,
    color: draft.color.trim() || null,
    protection: (draft.protection || null) as ClusterRule['protection'],
  };
}

export function ClusterSettingsButton() {
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <button type="button">Cluster settings</button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="cluster-settings__overlay" />
        <Dialog.Content className="cluster-settings" aria-describedby={undefined}>
          {open && <ClusterSettingsForm onDone={() => setOpen(false)} />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

export function ClusterSettingsForm({ onDone }: { onDone: () => void }) {
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    loadClusterSettings().then(
      (view) => {
        setProblems(view.problems);
        setDrafts(
          view.rules.map((r) => ({
            match: r.match,
            alias: r.alias ?? '',
            color: r.color ?? '',
            protection: r.protection ?? '',
          })),
        );
      },
      (thrown: unknown) => setError(toContractError(thrown)),
    );
  }, []);

  const change = (index: number, field: keyof Draft, value: string) =>
    setDrafts((was) => (was ?? []).map((d, i) => (i === index ? { ...d, [field]: value } : d)));

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await saveClusterRules((drafts ?? []).filter((d) => d.match.trim()).map(toRule));
      onDone();
    } catch (thrown) {
      setError(toContractError(thrown));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Dialog.Title>Cluster settings</Dialog.Title>
      <p className="muted">
        A rule matches a clusterId exactly or context names by a glob such as <code>*prod*</code>.
        Read-only refuses every action on the cluster; confirm asks its name before destructive
        ones.
      </p>
      {problems.map((p) => (
        <p key={p} className="banner" role="alert">
          {p}
        </p>
      ))}
      <table className="cluster-settings__rules">
        <thead>
          <tr>
            {TEXT_FIELDS.map(([field, label]) => (
              <th key={field}>{label}</th>
            ))}
            <th>Protection</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(drafts ?? []).map((draft, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
            <tr key={index}>
              {TEXT_FIELDS.map(([field, label]) => (
                <td key={field}>
                  <input
                    aria-label={`${label} of rule ${index + 1}`}
                    placeholder={field === 'color' ? '#cc0000' : undefined}
                    value={draft[field]}
                    onChange={(e) => change(index, field, e.target.value)}
                  />
                </td>
              ))}
              <td>
                <select
                  aria-label={`Protection of rule ${index + 1}`}
                  value={draft.protection}
                  onChange={(e) => change(index, 'protection', e.target.value)}
                >
                  <option value="">—</option>
                  <option value="none">none</option>
                  <option value="confirm">confirm</option>
                  <option value="read-only">read-only</option>
                </select>
              </td>
              <td>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setDrafts((was) => (was ?? []).filter((_, i) => i !== index))}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && <ErrorState title="The rules were not saved." error={error} />}
      <div className="cluster-settings__buttons">
        <button type="button" onClick={() => setDrafts((was) => [...(was ?? []), { ...blank }])}>
          Add rule
        </button>
        <Dialog.Close asChild>
          <button type="button">Cancel</button>
        </Dialog.Close>
        <button type="button" onClick={() => void save()} disabled={busy || drafts === null}>
          Save
        </button>
      </div>
    </>
  );
}
