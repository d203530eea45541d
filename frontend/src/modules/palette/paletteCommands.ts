/**
 * What the palette's text means: a k9s-style command (`:pods`, `:deploy`, `:ns shop`,
 * `:ctx beta`) or a name to look for in every selected cluster (`web`, `deploy web`).
 */

/** kubectl's names for kinds (short, singular, plural) → the view that lists them. */
const KIND_VIEWS: Record<string, string> = {};
const VIEW_WORDS: [string, string[]][] = [
  ['pods', ['po', 'pod', 'pods']],
  [
    'workloads',
    [
      'deploy',
      'deployment',
      'deployments',
      'sts',
      'statefulset',
      'statefulsets',
      'ds',
      'daemonset',
      'daemonsets',
      'rs',
      'replicaset',
      'replicasets',
      'job',
      'jobs',
      'cj',
      'cronjob',
      'cronjobs',
      'workloads',
    ],
  ],
  ['nodes', ['no', 'node', 'nodes']],
  ['network', ['svc', 'service', 'services', 'ing', 'ingress', 'ingresses', 'ep', 'netpol']],
  ['config', ['cm', 'configmap', 'configmaps', 'secret', 'secrets', 'config']],
  ['storage', ['pvc', 'pvcs', 'pv', 'pvs', 'sc', 'storageclass', 'storageclasses', 'storage']],
  ['rbac', ['sa', 'role', 'roles', 'rolebinding', 'rolebindings', 'clusterrole', 'rbac']],
  ['custom-resources', ['crd', 'crds', 'customresourcedefinitions']],
  ['events', ['ev', 'event', 'events']],
  ['helm', ['helm', 'releases']],
  ['logs', ['logs', 'log']],
  ['overview', ['overview', 'clusters']],
];
for (const [view, words] of VIEW_WORDS) for (const word of words) KIND_VIEWS[word] = view;

export type PaletteCommand =
  | { type: 'view'; viewId: string }
  | { type: 'namespace'; namespace: string | null }
  | { type: 'context'; name: string }
  | { type: 'unknown'; text: string };

/** The view a kind word names (`deploy` → workloads), or undefined. */
export function viewOfKind(word: string): string | undefined {
  return KIND_VIEWS[word.toLowerCase()];
}

/** A `:command`, or null when the text is not one (it is then a search). */
export function parseCommand(input: string): PaletteCommand | null {
  const text = input.trim();
  if (!text.startsWith(':')) return null;
  const [word = '', ...rest] = text.slice(1).trim().split(/\s+/);
  const argument = rest.join(' ');
  const verb = word.toLowerCase();
  if (verb === 'ns' || verb === 'namespace' || verb === 'namespaces') {
    return { type: 'namespace', namespace: argument || null };
  }
  if (verb === 'ctx' || verb === 'context') {
    return argument ? { type: 'context', name: argument } : { type: 'view', viewId: 'overview' };
  }
  const viewId = viewOfKind(verb);
  if (viewId && !argument) return { type: 'view', viewId };
  return { type: 'unknown', text };
}

/** The clusters a `:ctx` name picks: an exact cluster or context name, else those containing it. */
export function contextMatches<T extends { clusterName: string; context: string }>(
  contexts: readonly T[],
  name: string,
): T[] {
  const wanted = name.toLowerCase();
  const names = (c: T) => [c.clusterName.toLowerCase(), c.context.toLowerCase()];
  const exact = contexts.filter((c) => names(c).includes(wanted));
  return exact.length > 0
    ? exact
    : contexts.filter((c) => names(c).some((n) => n.includes(wanted)));
}
