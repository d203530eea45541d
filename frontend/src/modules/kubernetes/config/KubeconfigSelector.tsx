/**
 * The header's cluster picker: a multi-select dropdown of kubeconfig contexts grouped by file,
 * with search and a status dot per cluster. A context the backend disables (its name equals an
 * active one, or its cluster/user entry is missing) cannot be ticked; its `disabledReason` is the
 * tooltip and the accessible description. Broken files show their error and line.
 */
import * as Dialog from '@radix-ui/react-dialog';
import * as Tooltip from '@radix-ui/react-tooltip';
import { useMemo, useState } from 'react';
import { useClusterStatuses } from '../../../core/refresh/hooks';
import type { KubeconfigContext } from '../../../core/types.generated';
import { StatusDot } from '../../../shared/components/StatusDot';
import { toggled } from '../../../shared/toggled';
import { useClusterSelection } from './ClusterSelectionProvider';
import { type ContextGroup, groupByFile, searchGroups, selectionLabel } from './contextGroups';

export function KubeconfigSelector() {
  const selection = useClusterSelection();
  const [search, setSearch] = useState('');
  const groups = useMemo(
    () => (selection.listing ? searchGroups(groupByFile(selection.listing), search) : []),
    [selection.listing, search],
  );
  const label =
    selection.status === 'loading'
      ? 'Looking for kubeconfigs…'
      : selectionLabel(selection.selected.map((cluster) => cluster.clusterName));

  // A non-modal dialog: Escape or a click outside closes it; Escape gives the focus back.
  return (
    <Dialog.Root modal={false}>
      <div className="kubeconfig-selector">
        <Dialog.Trigger asChild>
          <button
            type="button"
            className="kubeconfig-selector__button"
            data-testid="cluster-picker"
          >
            <span className="kubeconfig-selector__caption">Clusters</span>
            <span data-testid="selection-label">{label}</span>
          </button>
        </Dialog.Trigger>
        {selection.error && (
          <div className="kubeconfig-selector__error" role="alert" data-testid="selection-error">
            <span>{selection.error.message}</span>
            <button type="button" onClick={selection.dismissError} aria-label="Dismiss">
              ×
            </button>
          </div>
        )}
        <Dialog.Content className="kubeconfig-selector__panel" aria-describedby={undefined}>
          <Dialog.Title className="visually-hidden">Kubeconfig contexts</Dialog.Title>
          <input
            type="search"
            className="kubeconfig-selector__search"
            placeholder="Search contexts"
            aria-label="Search contexts"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
          {selection.status === 'failed' && (
            <p className="muted">Kubeconfig contexts unavailable: {selection.error?.message}</p>
          )}
          {selection.status === 'ready' && groups.length === 0 && (
            <p className="muted">
              {search ? 'No context matches.' : 'No kubeconfig contexts were found.'}
            </p>
          )}
          {groups.map((group) => (
            <FileGroup key={group.path} group={group} />
          ))}
        </Dialog.Content>
      </div>
    </Dialog.Root>
  );
}

function FileGroup({ group }: { group: ContextGroup }) {
  return (
    <fieldset className="kubeconfig-selector__group" data-file={group.file}>
      <legend title={group.path}>{group.file}</legend>
      {group.error !== null && (
        <p className="kubeconfig-selector__file-error" role="note">
          {group.error}
          {group.line !== null && <span> (line {group.line})</span>}
        </p>
      )}
      {group.contexts.map((context) => (
        <ContextOption key={context.clusterId} context={context} />
      ))}
    </fieldset>
  );
}

function ContextOption({ context }: { context: KubeconfigContext }) {
  const selection = useClusterSelection();
  const statuses = useClusterStatuses();
  const checked = selection.requestedIds.includes(context.clusterId);
  const reason = context.disabled
    ? (context.disabledReason ?? 'This context cannot be used.')
    : null;
  const status = statuses.get(context.clusterId);
  return (
    <label
      className="kubeconfig-selector__option"
      data-disabled={context.disabled || undefined}
      data-cluster-id={context.clusterId}
      title={reason ?? context.server ?? undefined}
    >
      <input
        type="checkbox"
        aria-label={context.context}
        checked={checked}
        disabled={context.disabled || selection.pending}
        title={reason ?? undefined}
        aria-description={reason ?? undefined}
        onChange={(event) =>
          void selection.select(
            toggled(selection.requestedIds, context.clusterId, event.target.checked),
          )
        }
      />
      <StatusDot
        status={checked ? (status?.status ?? 'loading') : undefined}
        message={checked ? status?.message : null}
      />
      <span className="kubeconfig-selector__name">{context.context}</span>
      {reason && <ReasonTip contextName={context.context} reason={reason} />}
    </label>
  );
}

/**
 * Why a context cannot be ticked, in a tooltip the keyboard reaches (a disabled checkbox takes
 * no focus, so its native title alone reaches only the mouse); the text is the backend's exact
 * sentence.
 */
function ReasonTip({ contextName, reason }: { contextName: string; reason: string }) {
  return (
    <Tooltip.Provider delayDuration={200}>
      <Tooltip.Root>
        <Tooltip.Trigger asChild>
          <button
            type="button"
            className="kubeconfig-selector__reason-mark"
            aria-label={`Why ${contextName} cannot be used`}
            data-testid="context-reason"
            style={{
              background: 'none',
              border: 0,
              padding: '0 2px',
              font: 'inherit',
              cursor: 'help',
            }}
          >
            ⊘
          </button>
        </Tooltip.Trigger>
        <Tooltip.Portal>
          <Tooltip.Content className="tooltip" side="right" sideOffset={6}>
            {reason}
          </Tooltip.Content>
        </Tooltip.Portal>
      </Tooltip.Root>
    </Tooltip.Provider>
  );
}
