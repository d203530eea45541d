/**
 * What the compare view shows of an object: by default without what the server sets (status,
 * managed fields, uid, resourceVersion, generation, creationTimestamp, the rollout revision), so
 * what remains is what a person chose; and the paths where the compared objects differ.
 */
import { parse, stringify } from 'yaml';

const SERVER_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'selfLink'];
const SERVER_ANNOTATIONS = [
  'deployment.kubernetes.io/revision',
  'kubectl.kubernetes.io/last-applied-configuration',
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The object parsed from YAML, with the server-set fields taken out unless `serverFields`. */
export function comparable(yamlText: string, serverFields: boolean): Record<string, Json> {
  const object = (parse(yamlText) ?? {}) as Record<string, Json>;
  if (serverFields) return object;
  const { status: _status, ...rest } = object;
  const metadata = { ...((rest.metadata as Record<string, Json> | undefined) ?? {}) };
  for (const key of [...SERVER_METADATA, 'managedFields']) delete metadata[key];
  const annotations = { ...((metadata.annotations as Record<string, Json> | undefined) ?? {}) };
  for (const key of SERVER_ANNOTATIONS) delete annotations[key];
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  else delete metadata.annotations;
  return { ...rest, metadata };
}

export function asYaml(object: Record<string, Json>): string {
  return stringify(object, { lineWidth: 0 });
}

function flatten(value: Json, path: string, into: Map<string, string>): void {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((item, index) => [String(index), item] as const)
      : Object.entries(value);
    if (entries.length === 0) into.set(path, JSON.stringify(value));
    for (const [key, item] of entries) flatten(item, path ? `${path}.${key}` : key, into);
    return;
  }
  into.set(path, JSON.stringify(value));
}

/** Every leaf path whose value is not the same in all the objects (absent counts as a value). */
export function differingPaths(objects: readonly (Record<string, Json> | null)[]): string[] {
  const flat = objects.map((object) => {
    const into = new Map<string, string>();
    if (object) flatten(object, '', into);
    return into;
  });
  const paths = new Set(flat.flatMap((map) => [...map.keys()]));
  return [...paths].filter((path) => new Set(flat.map((map) => map.get(path))).size > 1).sort();
}

/** The value at a flattened path, as shown in the differences table ("—" when absent). */
export function valueAt(object: Record<string, Json> | null, path: string): string {
  let value: Json | undefined = object;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return '—';
    value = Array.isArray(value) ? value[Number(key)] : value[key];
  }
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
