/**
 * The opened object panels. `openObject(ref)` receives the full object reference, clusterId
 * included: whatever a panel does targets `ref.clusterId`, never "the current cluster". Several
 * objects can be open at once (one shown); each is keyed by its scope, which names its cluster.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { objectScope } from '../../core/refresh/scopes';
import type { ObjectRef } from '../../core/types.generated';

/** Panels kept open at once; opening one more closes the oldest. */
export const MAX_OPEN_OBJECTS = 6;

export interface ObjectPanelState {
  /** The shown object, or null when no panel is open. */
  current: ObjectRef | null;
  /** Every open object, oldest first. */
  opened: readonly ObjectRef[];
  openObject: (ref: ObjectRef) => void;
  /** Closes `ref`'s panel, or the shown one. */
  closeObject: (ref?: ObjectRef) => void;
}

const ObjectPanelContext = createContext<ObjectPanelState | null>(null);

export function ObjectPanelProvider({ children }: { children: ReactNode }) {
  const [opened, setOpened] = useState<readonly ObjectRef[]>([]);
  const [currentKey, setCurrentKey] = useState<string | null>(null);
  const openObject = useCallback((ref: ObjectRef) => {
    const key = objectScope(ref);
    setOpened((list) =>
      list.some((item) => objectScope(item) === key)
        ? list
        : [...list, ref].slice(-MAX_OPEN_OBJECTS),
    );
    setCurrentKey(key);
  }, []);
  const closeObject = useCallback(
    (ref?: ObjectRef) => {
      const key = ref ? objectScope(ref) : currentKey;
      const rest = opened.filter((item) => objectScope(item) !== key);
      setOpened(rest);
      if (key === currentKey) {
        const last = rest.at(-1);
        setCurrentKey(last ? objectScope(last) : null);
      }
    },
    [opened, currentKey],
  );
  const current = opened.find((ref) => objectScope(ref) === currentKey) ?? null;
  const value = useMemo(
    () => ({ current, opened, openObject, closeObject }),
    [current, opened, openObject, closeObject],
  );
  return <ObjectPanelContext.Provider value={value}>{children}</ObjectPanelContext.Provider>;
}

export function useObjectPanel(): ObjectPanelState {
  const state = useContext(ObjectPanelContext);
  if (!state) throw new Error('useObjectPanel needs an <ObjectPanelProvider> above it.');
  return state;
}
