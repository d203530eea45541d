import { createContext, type ReactNode, useContext, useState, useSyncExternalStore } from 'react';
import { NamespaceSelectionStore } from './namespaceSelection';

const StoreContext = createContext<NamespaceSelectionStore | null>(null);

/** Holds the per-cluster namespace choice. */
export function NamespaceSelectionProvider({ children }: { children: ReactNode }) {
  const [store] = useState(() => new NamespaceSelectionStore());
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The store, and a re-render whenever a choice changes. */
export function useNamespaceSelection(): NamespaceSelectionStore {
  const store = useContext(StoreContext);
  if (!store)
    throw new Error('useNamespaceSelection needs a <NamespaceSelectionProvider> above it.');
  useSyncExternalStore(store.subscribe, store.getRevision);
  return store;
}
