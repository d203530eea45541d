/**
 * The terminal sessions of this window, kept above the views so that switching views, closing the
 * object panel or opening another object leaves every session running. The dock shows them.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import type { TerminalTarget } from './terminalProtocol';

export interface DockSession {
  id: string;
  target: TerminalTarget;
}

interface TerminalDock {
  sessions: readonly DockSession[];
  activeId: string | null;
  open: (target: TerminalTarget) => void;
  close: (id: string) => void;
  activate: (id: string) => void;
}

const DockContext = createContext<TerminalDock | null>(null);

let nextId = 0;

export function TerminalDockProvider({ children }: { children: ReactNode }) {
  const [sessions, setSessions] = useState<readonly DockSession[]>([]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const open = useCallback((target: TerminalTarget) => {
    nextId += 1;
    const id = `terminal-${nextId}`;
    setSessions((all) => [...all, { id, target }]);
    setActiveId(id);
  }, []);
  const close = useCallback((id: string) => {
    setSessions((all) => {
      const index = all.findIndex((session) => session.id === id);
      const rest = all.filter((session) => session.id !== id);
      setActiveId((active) =>
        active === id ? (rest[Math.min(index, rest.length - 1)]?.id ?? null) : active,
      );
      return rest;
    });
  }, []);
  const value = useMemo(
    () => ({ sessions, activeId, open, close, activate: setActiveId }),
    [sessions, activeId, open, close],
  );
  return <DockContext.Provider value={value}>{children}</DockContext.Provider>;
}

export function useTerminalDock(): TerminalDock {
  const dock = useContext(DockContext);
  if (!dock) throw new Error('useTerminalDock needs a <TerminalDockProvider> above it.');
  return dock;
}
