/**
 * How a cluster is named in chips and columns: the alias the user gave it (per-cluster settings,
 * by clusterId), else its context name with an ARN shortened to its resource part
 * (`arn:aws:eks:eu-west-1:123456789012:cluster/gamma` → `cluster/gamma`), so a narrow column
 * shows the part that tells clusters apart rather than the account prefix.
 */
import { requestJson } from '../core/http';
import type { ClusterRule, ClusterSettingsView } from '../core/types.generated';
import { clusterSettingsOf, saveClusterRules } from './clusterSettings';

export const ALIAS_MAX = 64;

/** The resource part of an ARN context name; other names as they are. */
export function shortClusterName(name: string): string {
  const arn = /^arn:[^:]*:[^:]*:[^:]*:[^:]*:(.+)$/.exec(name);
  return arn?.[1] ?? name;
}

export function clusterLabel(clusterId: string, clusterName: string): string {
  return clusterSettingsOf(clusterId)?.alias ?? shortClusterName(clusterName || clusterId);
}

/** Why `alias` cannot be used, or null (the backend checks the same: 1–64 characters). */
export function aliasProblem(alias: string): string | null {
  if (alias.trim() !== alias) return 'An alias cannot start or end with a space.';
  if (alias.length > ALIAS_MAX) return `An alias has at most ${ALIAS_MAX} characters.`;
  return null;
}

/** The rules with `clusterId`'s own alias set (or removed for ''), its other fields kept. */
export function withAlias(
  rules: readonly ClusterRule[],
  clusterId: string,
  alias: string,
): ClusterRule[] {
  const own = rules.find((rule) => rule.match === clusterId);
  const rest = rules.filter((rule) => rule !== own);
  const next: ClusterRule = {
    match: clusterId,
    alias: alias || null,
    color: own?.color ?? null,
    protection: own?.protection ?? null,
  };
  const empty = next.alias === null && next.color === null && next.protection === null;
  // An exact rule goes first: it wins over globs for the fields it sets.
  return empty ? rest : [next, ...rest];
}

/** Give `clusterId` an alias ('' removes it), stored in the settings by clusterId. */
export async function setClusterAlias(clusterId: string, alias: string): Promise<void> {
  const view = await requestJson<ClusterSettingsView>('/api/v1/cluster-settings');
  await saveClusterRules(withAlias(view.rules, clusterId, alias.trim()));
}
