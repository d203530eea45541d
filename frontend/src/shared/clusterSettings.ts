/**
 * Per-cluster settings as the backend resolved them (`GET /api/v1/cluster-settings`): alias,
 * colour and protection. Kept in one module store so every row, panel and terminal reads the same
 * answer; a configured colour replaces the palette's (shared/clusterColours).
 */
import { useSyncExternalStore } from 'react';
import { requestJson } from '../core/http';
import { Listeners } from '../core/listeners';
import type { ClusterRule, ClusterSettings, ClusterSettingsView } from '../core/types.generated';
import { setConfiguredColours } from './clusterColours';

export type Protection = ClusterSettings['protection'];

/** The actions a `confirm` cluster asks its name for (backend/actions/protection.py). */
export const DESTRUCTIVE: ReadonlySet<string> = new Set([
  'delete',
  'scale',
  'restart',
  'drain',
  'apply',
  'rollback',
  'helm-rollback',
  'helm-uninstall',
]);

let byId = new Map<string, ClusterSettings>();
let version = 0;
const listeners = new Listeners();

function publish(view: ClusterSettingsView): ClusterSettingsView {
  byId = new Map(view.clusters.map((c) => [c.clusterId, c]));
  setConfiguredColours(
    new Map(view.clusters.flatMap((c) => (c.color ? [[c.clusterId, c.color] as const] : []))),
  );
  version += 1;
  listeners.tell();
  return view;
}

let asked = 0;
let shown = 0;

/** Publish a read's answer unless one asked at the same time or later was already published, and
 * a save's answer always. A read asked before a save answered may have been served before the
 * save was written, so a save's answer also outranks every read asked so far: a slow read must
 * not put the old settings back. */
async function answer(
  request: Promise<ClusterSettingsView>,
  save: boolean,
): Promise<ClusterSettingsView> {
  const ticket = ++asked;
  const view = await request;
  if (!save && ticket <= shown) return view;
  shown = save ? asked : ticket;
  return publish(view);
}

export async function loadClusterSettings(): Promise<ClusterSettingsView> {
  return answer(requestJson<ClusterSettingsView>('/api/v1/cluster-settings'), false);
}

export async function saveClusterRules(rules: ClusterRule[]): Promise<ClusterSettingsView> {
  return answer(
    requestJson<ClusterSettingsView>('/api/v1/cluster-settings', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ rules }),
    }),
    true,
  );
}

export function clusterSettingsOf(clusterId: string): ClusterSettings | undefined {
  return byId.get(clusterId);
}

export function protectionOf(clusterId: string): Protection {
  return byId.get(clusterId)?.protection ?? 'none';
}

/** What a confirmation adds to an action's params: the typed name on a `confirm` cluster. */
export type Confirmation = { confirmClusterName?: string };

/** Does `action` on this cluster need its name typed first? */
export function needsTypedName(clusterId: string, action: string): boolean {
  return protectionOf(clusterId) === 'confirm' && DESTRUCTIVE.has(action);
}

const subscribe = listeners.add;

/** Re-renders the caller whenever the settings were loaded again; the value only counts. */
export function useClusterSettingsVersion(): number {
  return useSyncExternalStore(subscribe, () => version);
}
