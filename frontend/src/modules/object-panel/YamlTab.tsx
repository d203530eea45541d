/**
 * The YAML tab: the object's YAML in a code view (managed fields hidden unless asked for); in Edit
 * mode a YAML editor whose syntax errors show inline and block the preview (nothing is sent), a
 * server-side dry run of `apply` shown side by side — what is on the cluster now against what the
 * server would store — then Apply. A conflict (409) says why and offers a reload. Secrets stay
 * masked; each key can be revealed on purpose.
 */
import { useMemo, useState } from 'react';
import { parse, stringify } from 'yaml';
import { type ContractError, toContractError } from '../../core/contractError';
import type { ObjectRef } from '../../core/types.generated';
import { type Confirmation, needsTypedName } from '../../shared/clusterSettings';
import { CodeDiff } from '../../shared/components/code/CodeDiff';
import { CodeViewer } from '../../shared/components/code/CodeViewer';
import { yamlProblems } from '../../shared/components/code/yamlLint';
import { EmptyState, ErrorState, LoadingState } from '../../shared/components/States';
import { ConfirmDialog } from './ConfirmDialog';
import { clusterNameOf } from './clusterNameOf';
import { objectLabel } from './confirmations';
import { runAction } from './objectApi';
import { SecretKeys } from './SecretKeys';
import { useObjectSnapshot } from './useObjectSnapshot';
import type { ActionAllowance } from './usePermissions';

/** The first errors are listed; one mistake often makes the parser report the lines after it. */
const SHOWN_PROBLEMS = 3;

interface Preview {
  draft: string;
  current: string;
  stored: string;
  message: string;
}

/** An object as the YAML the tab shows: without managedFields, keys in the server's order. */
export function objectYaml(obj: Record<string, unknown> | null | undefined): string {
  if (!obj) return '';
  const metadata = { ...((obj.metadata as Record<string, unknown> | undefined) ?? {}) };
  delete metadata.managedFields;
  return stringify({ ...obj, metadata }, { lineWidth: 0 });
}

function secretKeysOf(text: string): string[] {
  try {
    const doc = parse(text) as { data?: Record<string, unknown>; stringData?: unknown } | null;
    return Object.keys(doc?.data ?? {}).sort();
  } catch {
    return [];
  }
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
  const [managedFields, setManagedFields] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const problems = useMemo(() => (draft === null ? [] : yamlProblems(draft)), [draft]);

  if (state.status === 'loading') return <LoadingState>Loading YAML…</LoadingState>;
  if (state.status === 'failed') {
    return <ErrorState title="The YAML could not be loaded." error={state.error} />;
  }
  const item = state.value[0];
  if (!item) return <EmptyState>The object was not found on its cluster.</EmptyState>;
  const original = item.yaml;
  const masked = item.masked;
  const isSecret = objectRef.group === '' && objectRef.kind === 'Secret';

  const clusterName = clusterNameOf(objectRef.clusterId);
  const send = async (dryRun: boolean, text: string, confirmation: Confirmation = {}) => {
    setConfirming(false);
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      // A dry run changes nothing and passes a `confirm` cluster's guard; the Apply asks.
      const result = await runAction('apply', objectRef, { yaml: text, dryRun, ...confirmation });
      if (dryRun) {
        setPreview({
          draft: text,
          current: objectYaml(result.previous),
          stored: objectYaml(result.object),
          message: result.message,
        });
      } else {
        stopEditing();
        setNotice(result.message);
        onReload();
      }
    } catch (thrown) {
      setError(toContractError(thrown));
    } finally {
      setBusy(false);
    }
  };

  const stopEditing = () => {
    setDraft(null);
    setPreview(null);
    setError(null);
  };

  const errorView = error && (
    <div className="state state--error" role="alert">
      <strong>
        {error.status === 409 ? 'The object changed on its cluster.' : 'The change was refused.'}
      </strong>
      <span>{error.message}</span>
      <code className="state__code">{error.code}</code>
      {error.status === 409 && (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            stopEditing();
            onReload();
          }}
        >
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
          <label className="object-yaml__toggle">
            <input
              type="checkbox"
              checked={managedFields}
              onChange={(event) => setManagedFields(event.target.checked)}
            />
            Managed fields
          </label>
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
        {isSecret && masked && <SecretKeys objectRef={objectRef} keys={secretKeysOf(original)} />}
        <div className="object-yaml__code" data-testid="object-yaml">
          <CodeViewer
            value={managedFields ? item.yamlWithManagedFields || original : original}
            label={`YAML of ${objectRef.kind} ${objectRef.name}`}
          />
        </div>
      </div>
    );
  }

  const previewCurrent = preview !== null && preview.draft === draft;
  const invalid = problems.length > 0;
  return (
    <div className="object-yaml" data-previewing={previewCurrent || undefined}>
      <div className="object-yaml__code object-yaml__code--edit">
        <CodeViewer value={draft} onChange={setDraft} label="Edited YAML" />
      </div>
      {invalid && (
        <ul className="object-yaml__problems" role="alert" aria-label="YAML errors">
          {problems.slice(0, SHOWN_PROBLEMS).map((problem) => (
            <li key={`${problem.from}:${problem.message}`}>
              Line {problem.line}, column {problem.column}: {problem.message}
            </li>
          ))}
          {problems.length > SHOWN_PROBLEMS && (
            <li>…and {problems.length - SHOWN_PROBLEMS} more (marked in the editor)</li>
          )}
        </ul>
      )}
      <div className="object-yaml__toolbar">
        <button
          type="button"
          disabled={busy || invalid}
          title={invalid ? 'Fix the YAML errors first.' : undefined}
          onClick={() => void send(true, draft)}
        >
          Preview changes
        </button>
        <button
          type="button"
          disabled={busy || invalid || !previewCurrent}
          title={previewCurrent ? undefined : 'Preview the changes first.'}
          onClick={() =>
            needsTypedName(objectRef.clusterId, 'apply')
              ? setConfirming(true)
              : void send(false, draft)
          }
        >
          Apply
        </button>
        <button type="button" onClick={stopEditing}>
          Cancel
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          question={`Apply the edited ${objectLabel(objectRef)} on cluster ${clusterName}?`}
          confirmLabel={`Apply on ${clusterName}`}
          onConfirm={(confirmation) => void send(false, draft, confirmation)}
          onCancel={() => setConfirming(false)}
          guarded={{ action: 'apply', clusterId: objectRef.clusterId }}
        >
          <p>The server stores the object as the preview shows.</p>
        </ConfirmDialog>
      )}
      {errorView}
      {previewCurrent && (
        <section aria-label="Preview" className="object-yaml__preview">
          <p role="status">{preview.message}</p>
          {preview.current === preview.stored ? (
            <p className="muted">No changes: the server would store the object as it is.</p>
          ) : (
            <div className="object-yaml__merge">
              <CodeDiff
                left={preview.current}
                right={preview.stored}
                leftTitle="On the cluster now"
                rightTitle="What the server would store (dry run)"
              />
            </div>
          )}
        </section>
      )}
    </div>
  );
}
