/**
 * Refresh scopes (CONTRACT §1): `clusterId|<tail>`, split at the first `|`. Tails: `` (the whole
 * cluster), `namespace:<ns>`, `pod:<ns>/<pod>[/<container>]`,
 * `object:<group>/<version>/<kind>/<ns>/<name>`, `helm:<ns>/<name>`. Mirrors backend/clusters/identity.py.
 */
import type { ObjectRef } from '../types.generated';
import { IdentityError, isClusterId } from './clusterId';

export type ScopeTail =
  | { kind: 'cluster' }
  | { kind: 'namespace'; namespace: string }
  | { kind: 'pod'; namespace: string; pod: string; container?: string }
  | {
      kind: 'object';
      group: string;
      version: string;
      objectKind: string;
      namespace: string;
      name: string;
    }
  | { kind: 'helm'; namespace: string; name: string };

export interface Scope {
  clusterId: string;
  tail: ScopeTail;
}

export function formatTail(tail: ScopeTail): string {
  switch (tail.kind) {
    case 'cluster':
      return '';
    case 'namespace':
      return `namespace:${tail.namespace}`;
    case 'pod': {
      const base = `pod:${tail.namespace}/${tail.pod}`;
      return tail.container === undefined ? base : `${base}/${tail.container}`;
    }
    case 'object':
      return `object:${[tail.group, tail.version, tail.objectKind, tail.namespace, tail.name].join('/')}`;
    case 'helm':
      return `helm:${tail.namespace}/${tail.name}`;
  }
}

/** `clusterId|tail`; the tail may be given parsed or as its string. */
export function formatScope(clusterId: string, tail: ScopeTail | string = ''): string {
  return `${clusterId}|${typeof tail === 'string' ? tail : formatTail(tail)}`;
}

export const clusterScope = (clusterId: string): string => formatScope(clusterId, '');

export const namespaceScope = (clusterId: string, namespace: string): string =>
  formatScope(clusterId, { kind: 'namespace', namespace });

export const helmScope = (clusterId: string, namespace: string, name: string): string =>
  formatScope(clusterId, { kind: 'helm', namespace, name });

export function podScope(
  clusterId: string,
  namespace: string,
  pod: string,
  container?: string,
): string {
  return formatScope(
    clusterId,
    container === undefined
      ? { kind: 'pod', namespace, pod }
      : { kind: 'pod', namespace, pod, container },
  );
}

export function objectScope(ref: ObjectRef): string {
  return formatScope(ref.clusterId, {
    kind: 'object',
    group: ref.group,
    version: ref.version,
    objectKind: ref.kind,
    namespace: ref.namespace,
    name: ref.name,
  });
}

/** Split at the first `|` into clusterId and tail string; IdentityError `bad_scope` if it cannot. */
export function splitScope(scope: string): { clusterId: string; tail: string } {
  const bar = scope.indexOf('|');
  if (bar < 0) throw badScope(scope, 'it has no `|` between the cluster id and the tail');
  const clusterId = scope.slice(0, bar);
  if (!isClusterId(clusterId)) {
    throw badScope(scope, `\`${clusterId}\` is not a cluster id (\`<file>:<context>\`)`);
  }
  return { clusterId, tail: scope.slice(bar + 1) };
}

export function parseScope(scope: string): Scope {
  const { clusterId, tail } = splitScope(scope);
  return { clusterId, tail: parseTail(tail, scope) };
}

/** Parse a tail; `scope` (the full string) is what an error names. */
export function parseTail(tail: string, scope: string = tail): ScopeTail {
  if (tail === '') return { kind: 'cluster' };
  const colon = tail.indexOf(':');
  if (colon < 0) throw badScope(scope, `the tail \`${tail}\` has no \`<kind>:\` prefix`);
  const kind = tail.slice(0, colon);
  const parts = tail.slice(colon + 1).split('/');
  if (kind === 'namespace') {
    const [namespace] = parts;
    if (parts.length !== 1 || !namespace) {
      throw badScope(scope, 'a namespace tail is `namespace:<ns>`');
    }
    return { kind: 'namespace', namespace };
  }
  if (kind === 'pod') {
    const [namespace, pod, container] = parts;
    if ((parts.length !== 2 && parts.length !== 3) || !parts.every(Boolean) || !namespace || !pod) {
      throw badScope(scope, 'a pod tail is `pod:<ns>/<pod>` or `pod:<ns>/<pod>/<container>`');
    }
    return container === undefined
      ? { kind: 'pod', namespace, pod }
      : { kind: 'pod', namespace, pod, container };
  }
  if (kind === 'object') {
    if (parts.length !== 5) {
      throw badScope(scope, 'an object tail is `object:<group>/<version>/<kind>/<ns>/<name>`');
    }
    const [group = '', version = '', objectKind = '', namespace = '', name = ''] = parts;
    if (!version || !objectKind || !name) {
      throw badScope(scope, 'an object tail needs a version, a kind and a name');
    }
    return { kind: 'object', group, version, objectKind, namespace, name };
  }
  if (kind === 'helm') {
    const [namespace, name] = parts;
    if (parts.length !== 2 || !namespace || !name) {
      throw badScope(scope, 'a Helm release tail is `helm:<ns>/<name>`');
    }
    return { kind: 'helm', namespace, name };
  }
  throw badScope(scope, `\`${kind}\` is not a scope kind (namespace, pod, object, helm)`);
}

function badScope(scope: string, why: string): IdentityError {
  return new IdentityError('bad_scope', `\`${scope}\` is not a valid scope: ${why}.`);
}
