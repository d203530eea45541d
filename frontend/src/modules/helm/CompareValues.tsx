/**
 * The values of one release name as two clusters hold them, side by side with the differences
 * marked. Offered when the name is installed in more than one selected cluster.
 */
import { useState } from 'react';
import type { HelmReleaseDetail, HelmReleaseItem } from '../../core/types.generated';
import { CodeDiff } from '../../shared/components/code/CodeDiff';
import { ErrorState, LoadingState } from '../../shared/components/States';
import { releaseKeyText } from './helmApi';
import { useRelease } from './useRelease';

export function CompareValues({
  release,
  others,
  computed,
}: {
  release: HelmReleaseDetail;
  /** The same release name in other clusters. */
  others: HelmReleaseItem[];
  computed: boolean;
}) {
  const [otherKey, setOtherKey] = useState<string>(() =>
    others[0] ? releaseKeyText(others[0]) : '',
  );
  const chosen = others.find((item) => releaseKeyText(item) === otherKey) ?? others[0] ?? release;
  const state = useRelease(chosen, 0);
  const other = state.status === 'loaded' ? state.value : null;
  const text = (detail: HelmReleaseDetail) =>
    computed ? detail.computedValuesYaml : detail.valuesYaml;
  return (
    <div className="helm-compare" data-testid="helm-compare">
      <label className="helm-compare__pick">
        Compare with{' '}
        <select value={otherKey} onChange={(event) => setOtherKey(event.target.value)}>
          {others.map((item) => (
            <option key={releaseKeyText(item)} value={releaseKeyText(item)}>
              {item.clusterName} · {item.namespace}/{item.name} (revision {item.revision})
            </option>
          ))}
        </select>
      </label>
      {state.status === 'failed' && (
        <ErrorState title="The other release could not be loaded." error={state.error} />
      )}
      {state.status === 'loading' && <LoadingState>Loading {chosen.clusterName}…</LoadingState>}
      {other && (
        <CodeDiff
          left={text(release)}
          right={text(other)}
          leftTitle={`${release.clusterName} · revision ${release.revision}`}
          rightTitle={`${other.clusterName} · revision ${other.revision}`}
        />
      )}
    </div>
  );
}
