/**
 * Every port-forward of the app, kept current by the catalog stream's `event: port-forward` (no
 * polling): listed once when first watched and again whenever the stream opens (changes may have
 * been missed while it was down), then updated per event.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { Listeners } from '../../core/listeners';
import { useRefreshServices } from '../../core/refresh/RefreshProvider';
import type { RefreshCoordinator } from '../../core/refresh/refreshCoordinator';
import type { PortForward, PortForwardEvent } from '../../core/types.generated';
import { listForwards } from './forwardApi';

export class ForwardStore {
  private forwards: readonly PortForward[] = [];
  private readonly listeners = new Listeners();
  private loading: Promise<void> | null = null;

  constructor(private readonly list: () => Promise<PortForward[]> = listForwards) {}

  readonly subscribe = this.listeners.add;

  getSnapshot = (): readonly PortForward[] => this.forwards;

  /** Lists the forwards again (at most one request at a time). */
  reload(): Promise<void> {
    this.loading ??= this.list()
      .then((items) => this.set(items))
      .catch(() => undefined)
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  apply(event: PortForwardEvent): void {
    const rest = this.forwards.filter((forward) => forward.id !== event.forward.id);
    if (event.type === 'removed') {
      this.set(rest);
      return;
    }
    const index = this.forwards.findIndex((forward) => forward.id === event.forward.id);
    if (index < 0) this.set([...rest, event.forward]);
    else this.set(this.forwards.map((forward, i) => (i === index ? event.forward : forward)));
  }

  private set(forwards: readonly PortForward[]): void {
    this.forwards = forwards;
    this.listeners.tell();
  }
}

const stores = new WeakMap<RefreshCoordinator, ForwardStore>();

/** The store of this app's refresh services (one per coordinator), following its stream. */
export function useForwardStore(): ForwardStore {
  const { coordinator } = useRefreshServices();
  let store = stores.get(coordinator);
  if (!store) {
    store = new ForwardStore();
    stores.set(coordinator, store);
  }
  const current = store;
  useEffect(() => {
    void current.reload();
    const stopEvents = coordinator.onPortForward((event) => current.apply(event));
    const stopState = coordinator.subscribeState(() => {
      if (coordinator.getState() === 'open') void current.reload();
    });
    return () => {
      stopEvents();
      stopState();
    };
  }, [coordinator, current]);
  return current;
}

export function usePortForwards(): readonly PortForward[] {
  const store = useForwardStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
