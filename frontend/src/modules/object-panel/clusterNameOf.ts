/** The clusterName (context) of a clusterId; the id itself when it does not parse. */
import { parseClusterId } from '../../core/refresh/clusterId';

export function clusterNameOf(clusterId: string): string {
  try {
    return parseClusterId(clusterId).context;
  } catch {
    return clusterId;
  }
}
