/**
 * The slot for the object panel (a later issue). `openObject(ref)` receives the full object
 * reference, clusterId included: whatever the panel does later targets `ref.clusterId`, never
 * "the current cluster".
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import type { ObjectRef } from '../../core/types.generated';

export interface ObjectPanelState {
  current: ObjectRef | null;
  openObject: (ref: ObjectRef) => void;
  closeObject: () => void;
}

const ObjectPanelContext = createContext<ObjectPanelState | null>(null);

export function ObjectPanelProvider({
  children,
  onOpen,
}: {
  children: ReactNode;
  /** Told about every opened reference (tests, and the later panel). */
  onOpen?: (ref: ObjectRef) => void;
}) {
  const [current, setCurrent] = useState<ObjectRef | null>(null);
  const openObject = useCallback(
    (ref: ObjectRef) => {
      setCurrent(ref);
      onOpen?.(ref);
    },
    [onOpen],
  );
  const closeObject = useCallback(() => setCurrent(null), []);
  const value = useMemo(
    () => ({ current, openObject, closeObject }),
    [current, openObject, closeObject],
  );
  return <ObjectPanelContext.Provider value={value}>{children}</ObjectPanelContext.Provider>;
}

export function useObjectPanel(): ObjectPanelState {
  const state = useContext(ObjectPanelContext);
  if (!state) throw new Error('useObjectPanel needs an <ObjectPanelProvider> above it.');
  return state;
}
