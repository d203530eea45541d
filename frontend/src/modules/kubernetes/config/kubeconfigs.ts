import { callBridge } from '../../../core/bridge';
import type { KubeconfigListing } from '../../../core/types.generated';

export function listKubeconfigs(): Promise<KubeconfigListing> {
  return callBridge('list_kubeconfigs');
}
