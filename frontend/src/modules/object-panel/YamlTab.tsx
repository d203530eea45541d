/**
 * The YAML tab: the object's YAML read-only; in Edit mode a textarea, a preview (the line diff and
 * a server-side dry run of `apply`), then Apply. A conflict (409) says why and offers a reload.
 */
import { useState } from 'react';
import { type ContractError, toContractError } from '../../core/contractError';
import type { ObjectRef } from '../../core/types.generated';
import { EmptyState, ErrorState, LoadingState } from '../../shared/components/States';
import { type DiffLine, lineDiff } from './lineDiff';
import { runAction } from './objectApi';
import { useObjectSnapshot } from './useObjectSnapshot';
import type { ActionAllowance } from './usePermissions';

interface Preview {
  draft: string;
  lines: DiffLine[];
  message: string;
}

export function YamlTab({
  objectRef,
  reloads,
  onReload,
  applyAllowance,
}: {
  objectRef: ObjectRef;
  reloads: number;
  onReload: () => void;
  applyAllowance: ActionAllowance;
}) {
  const state = useObjectSnapshot('object-yaml', objectRef, reloads);
  const [draft, setDraft] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (state.status === 'loading') return <LoadingState>Loading YAML…</LoadingState>;
  if (state.status === 'failed') {
    return <ErrorState title="The YAML could not be loaded." error={state.error} />;
  }
  const item = state.value[0];
  if (!item) return <EmptyState>The object was not found on its cluster.</EmptyState>;
  const original = item.yaml;
  const masked = item.masked;

  const send = async (dryRun: boolean, text: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const result = await runAction('apply', objectRef, { yaml: text, dryRun });
      if (dryRun) {
        setPreview({ draft: text, lines: lineDiff(original, text), message: result.message });
      } else {
        setDraft(null);
        setPreview(null);
        setNotice(result.message);
        onReload();
      }
    } catch (thrown) {
      setError(toContractError(thrown));
    } finally {
      setBusy(false);
    }
  };

  const reloadAfterConflict = () => {
    setDraft(null);
    setPreview(null);
    setError(null);
    onReload();
  };

  const errorView = error && (
    <div className="state state--error" role="alert">
      <strong>
        {error.status === 409 ? 'The object changed on its cluster.' : 'The change was refused.'}
      </strong>
      <span>{error.message}</span>
      <code className="state__code">{error.code}</code>
      {error.status === 409 && (
        <button type="button" className="link-button" onClick={reloadAfterConflict}>
          Reload the object
        </button>
      )}
    </div>
  );

  if (draft === null) {
    return (
      <div className="object-yaml">
        <div className="object-yaml__toolbar">
          <span className="muted">resourceVersion {String(item.resourceVersion ?? '')}</span>
          <button
            type="button"
            disabled={!applyAllowance.allowed || masked}
            title={
              masked ? 'Secret values are masked; edit Secrets elsewhere.' : applyAllowance.reason
            }
            onClick={() => setDraft(original)}
          >
            Edit
          </button>
        </div>
        {notice && <p role="status">{notice}</p>}
        {errorView}
        <pre className="object-yaml__text" data-testid="object-yaml">
          {original}
        </pre>
      </div>
    );
  }

  const previewCurrent = preview !== null && preview.draft === draft;
  return (
    <div className="object-yaml">
      <textarea
        className="object-yaml__editor"
        aria-label="Edited YAML"
        spellCheck={false}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
      />
      <div className="object-yaml__toolbar">
        <button type="button" disabled={busy} onClick={() => void send(true, draft)}>
          Preview changes
        </button>
        <button
          type="button"
          disabled={busy || !previewCurrent}
          title={previewCurrent ? undefined : 'Preview the changes first.'}
          onClick={() => void send(false, draft)}
        >
          Apply
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft(null);
            setPreview(null);
            setError(null);
          }}
        >
          Cancel
        </button>
      </div>
      {errorView}
      {previewCurrent && (
        <section aria-label="Preview">
          <p role="status">{preview.message}</p>
          <pre className="object-yaml__diff">
            {preview.lines
              .filter((line) => line.kind !== 'same')
              .map((line, index) => (
                <div
                  // biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed diff
                  key={index}
                  className={`object-yaml__diff-${line.kind}`}
                >
                  {line.kind === 'added' ? '+ ' : '- '}
                  {line.text}
                </div>
              ))}
          </pre>
          {preview.lines.every((line) => line.kind === 'same') && (
            <p className="muted">No changes.</p>
          )}
        </section>
      )}
    </div>
  );
}
