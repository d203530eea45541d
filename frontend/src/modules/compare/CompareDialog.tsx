/**
 * "Compare with…": the object beside its namesakes (same kind, namespace and name) in the other
 * selected clusters — or any objects of that kind, by editing a name. Two objects are shown side
 * by side (CodeMirror merge view), three or more as columns; a table lists every differing path
 * with each cluster's value. Status, managed fields and server-set metadata are hidden unless asked.
 */
import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useMemo, useState } from 'react';
import { toContractError } from '../../core/contractError';
import { useRefreshServices } from '../../core/refresh/RefreshProvider';
import { objectScope } from '../../core/refresh/scopes';
import type { ObjectRef, ObjectYamlItem } from '../../core/types.generated';
import { clusterColour } from '../../shared/clusterColours';
import { CodeDiff } from '../../shared/components/code/CodeDiff';
import { CodeViewer } from '../../shared/components/code/CodeViewer';
import { useClusterSelection } from '../kubernetes/config/ClusterSelectionProvider';
import { asYaml, comparable, differingPaths, valueAt } from './compareYaml';
import './compare.css';

interface Side {
  ref: ObjectRef;
  clusterName: string;
  /** Loaded YAML, null while loading; `missing`/`error` say why there is none. */
  yaml: string | null;
  problem: string | null;
}

export function CompareButton({ objectRef }: { objectRef: ObjectRef }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <button type="button" data-testid="compare-open">
          Compare with…
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="compare__overlay" />
        <Dialog.Content className="compare" aria-describedby={undefined}>
          {open && <Compare base={objectRef} onClose={() => setOpen(false)} />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function Compare({ base, onClose }: { base: ObjectRef; onClose: () => void }) {
  const selection = useClusterSelection();
  const others = selection.selected.filter((c) => c.clusterId !== base.clusterId);
  const [chosen, setChosen] = useState<Record<string, { on: boolean; name: string }>>(() =>
    Object.fromEntries(others.map((c) => [c.clusterId, { on: true, name: base.name }])),
  );
  const [serverFields, setServerFields] = useState(false);
  const nameOf = (id: string) =>
    selection.selected.find((c) => c.clusterId === id)?.clusterName ?? id;
  const refs = useMemo(
    () => [
      base,
      ...others
        .filter((c) => chosen[c.clusterId]?.on)
        .map((c) => ({
          ...base,
          clusterId: c.clusterId,
          name: chosen[c.clusterId]?.name || base.name,
          uid: null,
        })),
    ],
    [base, others, chosen],
  );
  const sides = useSides(refs, nameOf);
  const loaded = sides.filter((s) => s.yaml !== null);
  const objects = loaded.map((s) => comparable(s.yaml ?? '', serverFields));
  const paths = differingPaths(objects);
  const label = (s: Side) =>
    `${s.clusterName} · ${s.ref.namespace ? `${s.ref.namespace}/` : ''}${s.ref.name}`;

  return (
    <>
      <header className="compare__header">
        <Dialog.Title>
          Compare {base.kind} {base.namespace ? `${base.namespace}/` : ''}
          {base.name}
        </Dialog.Title>
        <button type="button" className="link-button" onClick={onClose} aria-label="Close compare">
          ×
        </button>
      </header>
      <fieldset className="compare__choice">
        <legend>
          With its namesakes in the other selected clusters (edit a name to pick another)
        </legend>
        {others.length === 0 && <p className="muted">Select another cluster to compare with.</p>}
        {others.map((c) => (
          <label key={c.clusterId} className="compare__candidate">
            <input
              type="checkbox"
              checked={chosen[c.clusterId]?.on ?? false}
              onChange={(e) =>
                setChosen((was) => ({
                  ...was,
                  [c.clusterId]: {
                    on: e.target.checked,
                    name: was[c.clusterId]?.name ?? base.name,
                  },
                }))
              }
            />
            <span className="compare__swatch" style={{ background: clusterColour(c.clusterId) }} />
            {c.clusterName}
            <input
              type="text"
              aria-label={`Name on ${c.clusterName}`}
              value={chosen[c.clusterId]?.name ?? base.name}
              onChange={(e) =>
                setChosen((was) => ({ ...was, [c.clusterId]: { on: true, name: e.target.value } }))
              }
            />
          </label>
        ))}
        <label className="compare__toggle">
          <input
            type="checkbox"
            checked={serverFields}
            onChange={(e) => setServerFields(e.target.checked)}
          />
          Show status and server-set fields
        </label>
      </fieldset>
      <ul className="compare__problems">
        {sides
          .filter((s) => s.problem)
          .map((s) => (
            <li key={s.ref.clusterId} data-testid="compare-missing">
              {label(s)}: {s.problem}
            </li>
          ))}
      </ul>
      {loaded.length >= 2 && (
        <table className="compare__paths" data-testid="compare-paths">
          <caption>
            {paths.length === 0 ? 'No differences' : `${paths.length} differing paths`}
          </caption>
          <thead>
            <tr>
              <th>Path</th>
              {loaded.map((s) => (
                <th key={s.ref.clusterId}>{s.clusterName}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {paths.map((path) => (
              <tr key={path}>
                <td className="compare__path">{path}</td>
                {objects.map((object, index) => (
                  <td key={loaded[index]?.ref.clusterId}>{valueAt(object, path)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {loaded.length === 2 && loaded[0] && loaded[1] && (
        <CodeDiff
          left={asYaml(objects[0] ?? {})}
          right={asYaml(objects[1] ?? {})}
          leftTitle={label(loaded[0])}
          rightTitle={label(loaded[1])}
        />
      )}
      {loaded.length > 2 && (
        <div className="compare__columns" data-testid="compare-columns">
          {loaded.map((s, index) => (
            <div key={s.ref.clusterId} className="compare__column">
              <p className="compare__column-title">
                <span
                  className="compare__swatch"
                  style={{ background: clusterColour(s.ref.clusterId) }}
                />
                {label(s)}
              </p>
              <CodeViewer value={asYaml(objects[index] ?? {})} label={`YAML of ${label(s)}`} />
            </div>
          ))}
        </div>
      )}
    </>
  );
}

/** Each ref's object-yaml, fetched on its own so one cluster's failure stays its own. */
function useSides(refs: readonly ObjectRef[], nameOf: (id: string) => string): Side[] {
  const { client } = useRefreshServices();
  const [loaded, setLoaded] = useState<Record<string, Side>>({});
  const key = refs.map(objectScope).join('\n');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names the refs
  useEffect(() => {
    const controller = new AbortController();
    for (const ref of refs) {
      const settle = (yaml: string | null, problem: string | null) =>
        setLoaded((was) => ({ ...was, [objectScope(ref)]: side(ref, yaml, problem) }));
      client.fetch('object-yaml', { scopes: [objectScope(ref)] }, controller.signal).then(
        ({ snapshot }) => {
          const item = snapshot.items[0] as ObjectYamlItem | undefined;
          const part = snapshot.clusters[0];
          const problem = item
            ? null
            : part && part.status !== 'ready'
              ? (part.message ?? part.status)
              : 'not in this cluster';
          settle(item?.yaml ?? null, problem);
        },
        (thrown: unknown) => {
          if (!controller.signal.aborted) settle(null, toContractError(thrown).message);
        },
      );
    }
    return () => controller.abort();
  }, [client, key]);
  const side = (ref: ObjectRef, yaml: string | null, problem: string | null): Side => ({
    ref,
    clusterName: nameOf(ref.clusterId),
    yaml,
    problem,
  });
  return refs.map((ref) => loaded[objectScope(ref)] ?? side(ref, null, null));
}
