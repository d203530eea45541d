/** The kubeconfig bridge calls (CONTRACT §5), behind the one bridge adapter. */
import { callBridge } from '../../../core/bridge';
import type { KubeconfigListing, Selection } from '../../../core/types.generated';

export function listKubeconfigs(): Promise<KubeconfigListing> {
  return callBridge('list_kubeconfigs');
}

export function getSelection(): Promise<Selection> {
  return callBridge('get_selection');
}

export function setSelection(clusterIds: string[]): Promise<Selection> {
  return callBridge('set_selection', clusterIds);
}
