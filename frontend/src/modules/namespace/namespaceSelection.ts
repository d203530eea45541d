/**
 * Which namespaces are chosen, per cluster: state keyed by clusterId (two clusters' `shop` are
 * different namespaces), persisted under `regatta.namespaces|<clusterId>`. No namespace chosen
 * means all of that cluster's namespaces. A cluster's persisted choice is read the first time it
 * is asked for.
 */
import { Listeners } from '../../core/listeners';
import { clusterStorageKey } from '../../core/refresh/keys';
import { readStored, removeStored, stringArray, writeStored } from '../../shared/storage';

const STORAGE_AREA = 'namespaces';

export class NamespaceSelectionStore {
  private readonly chosen = new Map<string, readonly string[]>();
  private readonly listeners = new Listeners();
  private revision = 0;

  namespacesOf(clusterId: string): readonly string[] {
    let namespaces = this.chosen.get(clusterId);
    if (namespaces === undefined) {
      namespaces = stringArray(readStored(clusterStorageKey(STORAGE_AREA, clusterId)));
      this.chosen.set(clusterId, namespaces);
    }
    return namespaces;
  }

  toggle(clusterId: string, namespace: string): void {
    const current = this.namespacesOf(clusterId);
    this.set(
      clusterId,
      current.includes(namespace)
        ? current.filter((name) => name !== namespace)
        : [...current, namespace],
    );
  }

  clear(clusterId: string): void {
    this.set(clusterId, []);
  }

  readonly subscribe = this.listeners.add;

  /** Changes with every choice; read the choices themselves with `namespacesOf`. */
  getRevision = (): number => this.revision;

  private set(clusterId: string, namespaces: readonly string[]): void {
    const key = clusterStorageKey(STORAGE_AREA, clusterId);
    if (namespaces.length === 0) removeStored(key);
    else writeStored(key, namespaces);
    this.chosen.set(clusterId, namespaces);
    this.revision += 1;
    this.listeners.tell();
  }
}
