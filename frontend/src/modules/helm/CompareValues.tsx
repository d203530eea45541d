/**
 * The values of one release name as two clusters hold them, side by side with the differences
 * marked. Offered when the name is installed in more than one selected cluster.
 */
import { useEffect, useState } from 'react';
import { type ContractError, toContractError } from '../../core/contractError';
import { useRefreshServices } from '../../core/refresh/RefreshProvider';
import type { HelmReleaseDetail, HelmReleaseItem } from '../../core/types.generated';
import { CodeDiff } from '../../shared/components/code/CodeDiff';
import { ErrorState, LoadingState } from '../../shared/components/States';
import { fetchRelease, type ReleaseKey, releaseKeyText } from './helmApi';

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
  const { client } = useRefreshServices();
  const [otherKey, setOtherKey] = useState<string>(() =>
    others[0] ? releaseKeyText(others[0]) : '',
  );
  const [other, setOther] = useState<HelmReleaseDetail | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const chosen = others.find((item) => releaseKeyText(item) === otherKey) ?? others[0];

  useEffect(() => {
    if (!chosen) return;
    const key: ReleaseKey = {
      clusterId: chosen.clusterId,
      namespace: chosen.namespace,
      name: chosen.name,
    };
    const controller = new AbortController();
    setOther(null);
    setError(null);
    fetchRelease(client, key, controller.signal).then(
      (detail) => !controller.signal.aborted && setOther(detail),
      (thrown: unknown) => !controller.signal.aborted && setError(toContractError(thrown)),
    );
    return () => controller.abort();
  }, [client, chosen]);

  if (!chosen) return null;
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
      {error && <ErrorState title="The other release could not be loaded." error={error} />}
      {!error && !other && <LoadingState>Loading {chosen.clusterName}…</LoadingState>}
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
