import { useLoad } from '../../../shared/hooks/useLoad';
import { listKubeconfigs } from './kubeconfigs';

/** How many kubeconfig contexts were found — a placeholder until the selector exists. */
export function ContextCount() {
  const listing = useLoad(listKubeconfigs);
  if (listing.status === 'loading') return <p className="muted">Looking for kubeconfigs…</p>;
  if (listing.status === 'failed') {
    return (
      <p className="muted" title={listing.error.message}>
        Kubeconfig contexts unavailable
      </p>
    );
  }
  const count = listing.value.contexts.length;
  return (
    <p>
      <span data-testid="context-count">{count}</span> kubeconfig{' '}
      {count === 1 ? 'context' : 'contexts'}
    </p>
  );
}
