/**
 * The scopes a table view asks for: one per cluster (`clusterId|`), or, where the sidebar has
 * namespaces chosen for that cluster and the view is namespaced, one per chosen namespace
 * (`clusterId|namespace:<ns>`). Each cluster's choice applies to that cluster only.
 */
import { clusterScope, namespaceScope } from '../../core/refresh/scopes';

export function viewScopes(
  clusterIds: readonly string[],
  namespacesOf: (clusterId: string) => readonly string[],
): string[] {
  return clusterIds.flatMap((clusterId) => {
    const namespaces = namespacesOf(clusterId);
    return namespaces.length > 0
      ? namespaces.map((namespace) => namespaceScope(clusterId, namespace))
      : [clusterScope(clusterId)];
  });
}
