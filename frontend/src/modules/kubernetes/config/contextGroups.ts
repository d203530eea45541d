/** How the selector arranges kubeconfig contexts: by file, searchable, in the user's order. */
import type {
  KubeconfigContext,
  KubeconfigListing,
  KubeconfigSource,
} from '../../../core/types.generated';

export interface ContextGroup {
  file: string;
  path: string;
  /** Why the file gave no contexts (with `line` where the parser named one). */
  error: string | null;
  line: number | null;
  contexts: KubeconfigContext[];
}

/**
 * One group per source file, in the order of `sources` (files that only appear through their
 * contexts follow), each with its contexts in listing order. Broken files are groups too, so a
 * broken kubeconfig is visible.
 */
export function groupByFile(listing: KubeconfigListing): ContextGroup[] {
  const groups = new Map<string, ContextGroup>();
  const groupOf = (source: Pick<KubeconfigSource, 'file' | 'path'>): ContextGroup => {
    let group = groups.get(source.path);
    if (!group) {
      group = { file: source.file, path: source.path, error: null, line: null, contexts: [] };
      groups.set(source.path, group);
    }
    return group;
  };
  for (const source of listing.sources) {
    const group = groupOf(source);
    group.error = source.error;
    group.line = source.line;
  }
  for (const context of listing.contexts) groupOf(context).contexts.push(context);
  return [...groups.values()];
}

/** Contexts whose name, file, clusterId or server contains `search` (case-insensitive). */
export function searchGroups(groups: ContextGroup[], search: string): ContextGroup[] {
  const needle = search.trim().toLowerCase();
  if (!needle) return groups;
  const matches = (context: KubeconfigContext) =>
    [context.context, context.file, context.clusterId, context.server ?? ''].some((text) =>
      text.toLowerCase().includes(needle),
    );
  return groups
    .map((group) => ({ ...group, contexts: group.contexts.filter(matches) }))
    .filter(
      (group) =>
        group.contexts.length > 0 ||
        (group.error !== null && group.file.toLowerCase().includes(needle)),
    );
}

/** "No cluster selected", "alpha", "alpha, beta" or "4 clusters". */
export function selectionLabel(names: readonly string[]): string {
  if (names.length === 0) return 'No cluster selected';
  if (names.length <= 2) return names.join(', ');
  return `${names.length} clusters`;
}
