/**
 * The command palette (Ctrl/Cmd+K): go to a view, choose clusters and namespaces, the theme,
 * diagnostics, port-forwards and terminals, the open object's actions, k9s-style `:commands`,
 * and any object by name in every selected cluster (server-side search, grouped by cluster).
 */
import { Command } from 'cmdk';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import type { SearchResult } from '../../core/types.generated';
import { clusterColour } from '../../shared/clusterColours';
import { clusterLabel } from '../../shared/clusterLabel';
import { useDebounced } from '../../shared/hooks/useDebounced';
import { toggled } from '../../shared/toggled';
import { useClusterSelection } from '../kubernetes/config/ClusterSelectionProvider';
import { useNamespaceListing } from '../namespace/NamespaceListingProvider';
import { useNamespaceSelection } from '../namespace/NamespaceSelectionProvider';
import { useObjectPanel } from '../object-panel/ObjectPanelProvider';
import { useTerminalDock } from '../terminal/TerminalDockProvider';
import { useViewRoute } from '../views/useViewRoute';
import { VIEWS } from '../views/viewDefinitions';
import { contextMatches, type PaletteCommand, parseCommand } from './paletteCommands';
import {
  type PanelTab,
  panelActions,
  panelIsOpen,
  pressPanelAction,
  showPanelTab,
} from './panelCommands';
import { MIN_SEARCH_LENGTH, searchObjects, shownGroups } from './searchResults';

export interface PaletteActions {
  themeLabel: string;
  toggleTheme: () => void;
  toggleDiagnostics: () => void;
  toggleForwards: () => void;
}

type Search =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'loaded'; result: SearchResult }
  | { status: 'failed'; message: string };

/** Items whose value starts with this are always shown (search hits, the `:command`). */
const KEPT = '\u0001';

function filterItems(value: string, search: string): number {
  if (value.startsWith(KEPT)) return 1;
  if (search.trim().startsWith(':')) return 0;
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const text = value.toLowerCase();
  return words.every((word) => text.includes(word)) ? 1 : 0;
}

export function CommandPalette({
  open,
  onOpenChange,
  actions,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  actions: PaletteActions;
}) {
  const [text, setText] = useState('');
  const [, go] = useViewRoute();
  const selection = useClusterSelection();
  const namespaces = useNamespaceSelection();
  const listing = useNamespaceListing();
  const panel = useObjectPanel();
  const dock = useTerminalDock();
  const command = parseCommand(text);
  const query = useDebounced(command ? '' : text.trim(), 150);
  const search = useObjectSearch(open ? query : '');

  useEffect(() => {
    if (!open) setText('');
  }, [open]);

  /** Closes the palette, then runs `work` once the dialog gave the focus back. */
  const run = (work: () => void) => () => {
    onOpenChange(false);
    setTimeout(work, 0);
  };

  const contexts = (selection.listing?.contexts ?? []).filter((c) => !c.disabled);
  const selectedIds = selection.selectedIds;
  const toggleCluster = (clusterId: string) =>
    void selection.select(toggled(selectedIds, clusterId, !selectedIds.includes(clusterId)));
  const namespaceItems = useMemo(() => {
    if (listing.status !== 'loaded') return [];
    return listing.snapshot.items.map((item) => ({
      clusterId: item.clusterId,
      clusterName: item.clusterName,
      name: String(item.name),
    }));
  }, [listing]);

  const runCommand = (parsed: PaletteCommand) => {
    if (parsed.type === 'view') go(parsed.viewId);
    else if (parsed.type === 'namespace') {
      for (const clusterId of selectedIds) {
        namespaces.clear(clusterId);
        const has = namespaceItems.some(
          (n) => n.clusterId === clusterId && n.name === parsed.namespace,
        );
        if (parsed.namespace && has) namespaces.toggle(clusterId, parsed.namespace);
      }
    } else if (parsed.type === 'context') {
      const picked = contextMatches(contexts, parsed.name);
      if (picked.length > 0) void selection.select(picked.map((c) => c.clusterId));
    }
  };

  const objectOpen = open && panel.current !== null && panelIsOpen();
  // The open object's actions as its panel offers them now (enabled buttons only).
  // biome-ignore lint/correctness/useExhaustiveDependencies: read again each time the palette opens
  const objectActions = useMemo(
    () => (objectOpen ? panelActions() : []),
    [objectOpen, panel.current],
  );
  const panelItem = (tab: PanelTab, label: string, keyHint: string) => (
    <Item
      key={tab}
      value={`${label} ${panel.current?.name ?? ''}`}
      onSelect={run(() => showPanelTab(tab))}
      hint={keyHint}
    >
      {label}
    </Item>
  );

  return (
    <Command.Dialog
      open={open}
      onOpenChange={onOpenChange}
      label="Command palette"
      filter={filterItems}
      className="palette"
      overlayClassName="palette__overlay"
      contentClassName="palette__content"
    >
      <Command.Input
        value={text}
        onValueChange={setText}
        placeholder="Find an object, go to a view, or :pods, :deploy, :ns shop, :ctx beta…"
        className="palette__input"
      />
      <Command.List className="palette__list">
        <Command.Empty className="palette__empty">
          {command ? 'Press Enter to run it.' : emptyText(query, search)}
        </Command.Empty>
        {command && (
          <Command.Group heading="Command">
            <Item value={`${KEPT}${text}`} onSelect={run(() => runCommand(command))}>
              {commandLabel(command)}
            </Item>
          </Command.Group>
        )}
        {search.status === 'loaded' &&
          shownGroups(search.result).map((group) => (
            <Command.Group
              key={group.clusterId}
              heading={
                <span className="palette__cluster" data-cluster-id={group.clusterId}>
                  <span
                    className="palette__chip"
                    style={{ backgroundColor: clusterColour(group.clusterId) }}
                    aria-hidden="true"
                  />
                  {clusterLabel(group.clusterId, group.clusterName)}
                  {group.note && (
                    <span className={group.stale ? 'palette__stale' : 'palette__note'}>
                      {group.note}
                    </span>
                  )}
                  {group.more && <span className="palette__note">{group.more}</span>}
                </span>
              }
            >
              {group.hits.length === 0 && (
                <div className="palette__none muted">
                  No match in {clusterLabel(group.clusterId, group.clusterName)}
                </div>
              )}
              {group.hits.map((hit) => (
                <Item
                  key={hit.key}
                  value={`${KEPT}${hit.key}`}
                  onSelect={run(() => panel.openObject(hit.ref))}
                  hint={hit.detail}
                  cluster={group.clusterId}
                  stale={group.stale}
                >
                  {hit.label}
                </Item>
              ))}
            </Command.Group>
          ))}
        {objectOpen && (
          <Command.Group heading={`${panel.current?.kind} ${panel.current?.name}`}>
            {panelItem('Details', 'Details', 'd')}
            {panelItem('YAML', 'Edit YAML', 'e')}
            {panelItem('Logs', 'Logs', 'l')}
            {panelItem('Terminal', 'Shell', 's')}
            {objectActions.map((label) => (
              <Item
                key={label}
                value={`Action ${label} ${panel.current?.name ?? ''}`}
                onSelect={run(() => pressPanelAction(label))}
                hint={/^Delete\b/.test(label) ? 'Ctrl+D' : undefined}
              >
                {label}…
              </Item>
            ))}
          </Command.Group>
        )}
        <Command.Group heading="Go to">
          {VIEWS.map((view) => (
            <Item
              key={view.id}
              value={`Go to ${view.title} view`}
              onSelect={run(() => go(view.id))}
            >
              {view.title}
            </Item>
          ))}
        </Command.Group>
        <Command.Group heading="App">
          <Item value={`Theme ${actions.themeLabel}`} onSelect={run(actions.toggleTheme)}>
            {actions.themeLabel}
          </Item>
          <Item value="Diagnostics open" onSelect={run(actions.toggleDiagnostics)}>
            Diagnostics
          </Item>
          <Item value="Port forwards open" onSelect={run(actions.toggleForwards)}>
            Port forwards
          </Item>
          {dock.sessions.map((session) => (
            <Item
              key={session.id}
              value={`Terminal ${session.id}`}
              onSelect={run(() => dock.activate(session.id))}
            >
              Terminal {session.id}
            </Item>
          ))}
        </Command.Group>
        <Command.Group heading="Clusters">
          {contexts.map((context) => {
            const on = selectedIds.includes(context.clusterId);
            return (
              <Item
                key={context.clusterId}
                value={`${on ? 'Deselect' : 'Select'} cluster ${context.clusterName} ${context.context}`}
                onSelect={run(() => toggleCluster(context.clusterId))}
                cluster={context.clusterId}
              >
                {on ? 'Deselect' : 'Select'} {clusterLabel(context.clusterId, context.clusterName)}
              </Item>
            );
          })}
        </Command.Group>
        {namespaceItems.length > 0 && (
          <Command.Group heading="Namespaces">
            {namespaceItems.map((ns) => {
              const on = namespaces.namespacesOf(ns.clusterId).includes(ns.name);
              return (
                <Item
                  key={`${ns.clusterId}|${ns.name}`}
                  value={`namespace ${ns.name} ${ns.clusterName} ${ns.clusterId}`}
                  onSelect={run(() => namespaces.toggle(ns.clusterId, ns.name))}
                  hint={ns.clusterName}
                  cluster={ns.clusterId}
                >
                  {on ? 'Unpick' : 'Pick'} namespace {ns.name}
                </Item>
              );
            })}
          </Command.Group>
        )}
      </Command.List>
    </Command.Dialog>
  );
}

function Item({
  value,
  onSelect,
  children,
  hint,
  cluster,
  stale,
}: {
  value: string;
  onSelect: () => void;
  children: ReactNode;
  hint?: string;
  cluster?: string;
  stale?: boolean;
}) {
  return (
    <Command.Item
      value={value}
      onSelect={onSelect}
      className="palette__item"
      data-cluster-id={cluster}
      data-stale={stale ? 'true' : undefined}
    >
      {cluster && (
        <span
          className="palette__chip"
          style={{ backgroundColor: clusterColour(cluster) }}
          aria-hidden="true"
        />
      )}
      <span className="palette__label">{children}</span>
      {stale && <span className="palette__stale">stale</span>}
      {hint && <span className="palette__hint">{hint}</span>}
    </Command.Item>
  );
}

function commandLabel(command: PaletteCommand): string {
  switch (command.type) {
    case 'view':
      return `Go to ${VIEWS.find((v) => v.id === command.viewId)?.title ?? command.viewId}`;
    case 'namespace':
      return command.namespace
        ? `Show only namespace ${command.namespace}`
        : 'Show every namespace';
    case 'context':
      return `Switch to cluster ${command.name}`;
    case 'unknown':
      return `Unknown command ${command.text}`;
  }
}

function emptyText(query: string, search: Search): string {
  if (query.length < MIN_SEARCH_LENGTH) return 'Type to find objects in every selected cluster.';
  if (search.status === 'loading') return 'Searching…';
  if (search.status === 'failed') return search.message;
  return `Nothing named like “${query}”.`;
}

function useObjectSearch(query: string): Search {
  const [state, setState] = useState<Search>({ status: 'idle' });
  useEffect(() => {
    if (query.length < MIN_SEARCH_LENGTH) {
      setState({ status: 'idle' });
      return;
    }
    const abort = new AbortController();
    setState((previous) => (previous.status === 'loaded' ? previous : { status: 'loading' }));
    searchObjects(query, abort.signal).then(
      (result) => setState({ status: 'loaded', result }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        setState({
          status: 'failed',
          message: error instanceof Error ? error.message : String(error),
        });
      },
    );
    return () => abort.abort();
  }, [query]);
  return state;
}
